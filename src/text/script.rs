//! Which Chinese script a text is written in, for `lang` attributes (`zh-Hans`, `zh-Hant`):
//! screen readers and fonts choose glyphs by it. Decided by characters that exist in only
//! one of the two scripts among the most common ones.

/// Simplified-only forms of very common characters.
const SIMPLIFIED: &str = "们这说国来为会时个对过发后长还见书车东马门问间开关头没习乐听总经应让认记话该语进远运选边达点热爱实当电线级结给网职联观议讨词让请调贵买卖导层岁岛师币帮广应张弹归录径战护报拥择挂扫据数条极杂权标树样桥检汤济浅测涨温湾满灯无营环现产亿办务动劳区华单卫厅历压县参双发变叶号吗启员响围图圣场坏块坚坛垒墙声处备复头夹夺奋妇孙学宁宝实宠审宪宫对寻导寿将尔尘尝层属岂岗峡币帅师帐带帮庄庆应庙废开异弃张弥弯弹强归当录彻径忆忧怀态怜总恋恒恶恼悦悬惊惧惨惩惯愤愿戏战户扑执扩扫扬扰抚抢护报担拟拢拥拦拨择挂挡挤挥损换据掷搀摄摆摇摊携数斗斩断无旧时旷昼显晋晒晓晕暂术机杀杂权条来杨杰极构枪柜标栏树样桥检楼欢欧残毁毕气汇汉污汤沟没沪泪泽洁洒浅浆测济浏浑浓涂涛涨渊渐渔温湾湿溃灭灯灵灾灿炉点炼烁烂热焕爱爷牵状犹独狭猎献环现玛珑琐电画畅疗疟疡监盖盘眍着睁矫矿码砖础确碍礼祸离种积称稳穷窃窍竞笔笋简粮紧纠红约级纪纬纯纲纳纵纷纸纹纺线练组细织终经绑绒结绕绘给络绝统继绩绪续维绵综绿缓编缘缩网罗罚罢职联聪肃肠肤肿胀胁胜脉脏脑脚脱腊舆舰艺节芦苍苏范荐荡荣药获莱莲莹营萧萨蓝虏虑虽虾蚀蚁蛮补衬袜装见观规视览觉誉计订认讨让训议讯记讲许论设访证评识诉词译试诗诚话诞询该详语误说请诸诺读课谁调谈谊谋谓谢谣谱谴谷贝负贡财责贤败货质贩贪贫购贯贵贷费贺资赋赌赏赔赖赚赛赞赠赵赶趋跃践踪车轨转轮软轰轻载较辅辆辈辉输辞边达迁过迈运还这进远违连迟迹适选递逻遗邓邮邻郑酱释里鉴针钉钓钟钢钥钱钻铁铃铜铭银铺链销锁锅锋错锡键镇镜长门闪闭问闯闲间闷闹闻阀阁阅队阳阴阵阶际陆陈险随隐难雏雾韩页顶项顺须顾顿预领频颗题颜额风飞饥饭饮饰饱饲饼馆首驱驶驾验骂骗骨鱼鲁鲜鸟鸡鸣鸭鹅鹰麦黄齐齿龄龙龟";
/// Traditional-only forms of very common characters.
const TRADITIONAL: &str = "們這說國來為會時個對過發後長還見書車東馬門問間開關頭沒習樂聽總經應讓認記話該語進遠運選邊達點熱愛實當電線級結給網職聯觀議討詞請調貴買賣導層歲島師幣幫廣張彈歸錄徑戰護報擁擇掛掃據數條極雜權標樹樣橋檢湯濟淺測漲溫灣滿燈無營環現產億辦務動勞區華單衛廳歷壓縣參雙變葉號嗎啟員響圍圖聖場壞塊堅壇壘牆聲處備複夾奪奮婦孫學寧寶寵審憲宮尋壽將爾塵嘗屬豈崗峽帥帳帶莊慶廟廢異棄彌彎強徹憶憂懷態憐戀恆惡惱悅懸驚懼慘懲慣憤願戲戶撲執擴揚擾撫搶擔擬攏攔撥擋擠揮損換擲攙攝擺搖攤攜鬥斬斷舊曠晝顯晉曬曉暈暫術機殺楊傑構槍櫃欄樓歡歐殘毀畢氣匯漢汙溝滬淚澤潔灑漿瀏渾濃塗濤淵漸漁濕潰滅靈災燦爐煉爍爛煥爺牽狀猶獨狹獵獻瑪瓏瑣暢療瘧瘍監蓋盤瞘著睜矯礦碼磚礎確礙禮禍離種積稱穩窮竊竅競筆筍簡糧緊糾紅約紀緯純綱納縱紛紙紋紡練組細織終綁絨繞繪絡絕統繼績緒續維綿綜綠緩編緣縮羅罰罷聰肅腸膚腫脹脅勝脈髒腦腳脫臘輿艦藝節蘆蒼蘇範薦蕩榮藥獲萊蓮瑩蕭薩藍虜慮雖蝦蝕蟻蠻補襯襪裝規視覽覺譽計訂訓訊講許論設訪證評識訴譯試詩誠誕詢詳誤諸諾讀課誰談誼謀謂謝謠譜譴貝負貢財責賢敗貨質販貪貧購貫貸費賀資賦賭賞賠賴賺賽贊贈趙趕趨躍踐蹤軌轉輪軟轟輕載較輔輛輩輝輸辭遷邁違連遲跡適遞邏遺鄧郵鄰鄭醬釋裡鑑針釘釣鐘鋼鑰錢鑽鐵鈴銅銘銀鋪鏈銷鎖鍋鋒錯錫鍵鎮鏡閃閉闖閒悶鬧聞閥閣閱隊陽陰陣階際陸陳險隨隱難雛霧韓頁頂項順須顧頓預領頻顆題顏額風飛飢飯飲飾飽飼餅館驅駛駕驗罵騙魚魯鮮鳥雞鳴鴨鵝鷹麥黃齊齒齡龍龜";

/// The script of a Chinese text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// Simplified characters (mainland China, Singapore).
    Simplified,
    /// Traditional characters (Taiwan, Hong Kong, Macau).
    Traditional,
}

impl Script {
    /// The BCP 47 language tag for Chinese in this script.
    pub fn lang(self) -> &'static str {
        match self {
            Script::Simplified => "zh-Hans",
            Script::Traditional => "zh-Hant",
        }
    }
}

/// The script `text` is written in; Simplified when nothing tells them apart.
pub(crate) fn detect(text: &str) -> Script {
    let (mut simplified, mut traditional) = (0usize, 0usize);
    for c in text.chars() {
        if SIMPLIFIED.contains(c) {
            simplified += 1;
        } else if TRADITIONAL.contains(c) {
            traditional += 1;
        }
    }
    if traditional > simplified { Script::Traditional } else { Script::Simplified }
}

/// How many paragraphs from the start decide a document's `lang`.
pub(crate) const LANG_SAMPLE: usize = 40;

/// The `lang` (`zh-Hans` or `zh-Hant`) of a document whose paragraphs' Chinese is
/// `paragraphs`, judged by its first [`LANG_SAMPLE`]; a streamed document knows them before it
/// writes its head.
pub(crate) fn lang_of<'a>(paragraphs: impl Iterator<Item = &'a str>) -> &'static str {
    let sample: String = paragraphs.take(LANG_SAMPLE).collect();
    detect(&sample).lang()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_scripts() {
        assert_eq!(detect("这两天小红书上涌进来很多难民"), Script::Simplified);
        assert_eq!(detect("台北看守所昨天抽查前總統陳水扁的房舍，引來扁的強烈不滿"), Script::Traditional);
        assert_eq!(detect("中文"), Script::Simplified);
    }
}
