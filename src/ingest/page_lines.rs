//! Lines of a web page that sit among the article's paragraphs without being article: the
//! site's UI words ("图集", "+1", "分享"), app-promotion lines ("歡迎下載自由時報APP"), and
//! byline and date lines ("《棱镜》作者 周纯", "发布时间：2019-03-06"), which belong in the
//! metadata.

use crate::document::{Block, Meta};
use crate::ingest::page_meta::date_line;

/// Leaves out the UI words and promotion lines in `blocks`, and takes a byline line and a date
/// line near the top into `meta` (when it lacks them) instead of the text.
pub(crate) fn tidy(meta: &mut Meta, blocks: &mut Vec<Block>) {
    blocks.retain(|b| !is_ui_word(&b.text) && !is_app_promotion(&b.text) && !is_account_ask(&b.text));
    if let Some(at) = blocks.iter().take(3).position(|b| date_line(&b.text).is_some()).filter(|_| blocks.len() > 1) {
        let date = date_line(&blocks.remove(at).text);
        meta.date = meta.date.take().or(date);
    }
    let line = blocks.iter().take(3).position(|b| byline(&b.text).is_some());
    // An article is never only its byline.
    if let Some(at) = line.filter(|_| blocks.len() > 1) {
        if let Some(Byline { name, outlet }) = byline(&blocks[at].text) {
            meta.author = meta.author.take().or(Some(name));
            meta.source = meta.source.take().or(outlet);
        }
        blocks.remove(at);
    }
    // A wire story names its reporters in its dateline, which stays in the text.
    if let Some(Byline { name, outlet }) = blocks.first().and_then(|b| dateline(&b.text)) {
        meta.author = meta.author.take().or(Some(name));
        meta.source = meta.source.take().or(outlet);
    }
}

/// The reporters and agency of a news dateline opening a paragraph: "新华社巴黎12月9日电（记者
/// 唐霁）…" gives 唐霁 of 新华社; "本报讯（记者 张三 李四）" gives 张三 李四.
fn dateline(text: &str) -> Option<Byline> {
    let head: String = text.chars().take(40).collect();
    let open = ["电（记者", "电(记者", "讯（记者", "讯(记者", "電（記者", "電(記者", "訊（記者", "訊(記者"]
        .iter()
        .find_map(|o| head.find(o).map(|at| at + o.len()))?;
    let close = head[open..].find(['）', ')'])? + open;
    let names: Vec<&str> = head[open..close].split(['、', ' ', '\u{3000}']).filter(|n| !n.is_empty()).collect();
    let name = names.join(" ");
    if !is_name_list(&name) {
        return None;
    }
    // The agency opens the dateline: 新华社, 中新社, 中央社.
    let agency = head
        .find('社')
        .filter(|&at| head[..at].chars().count() <= 5)
        .map(|at| head[..at + '社'.len_utf8()].to_string());
    Some(Byline { name, outlet: agency })
}

/// Words sites print beside an article as buttons, labels and counters.
const UI_WORDS: &[&str] = &[
    "图集",
    "圖集",
    "分享",
    "分享到",
    "收藏",
    "点赞",
    "點讚",
    "评论",
    "評論",
    "打印",
    "列印",
    "关闭",
    "關閉",
    "返回",
    "上一篇",
    "下一篇",
    "上一页",
    "下一页",
    "字号",
    "字體",
    "字体",
    "大",
    "中",
    "小",
    "放大",
    "缩小",
    "复制链接",
    "複製連結",
    "扫一扫",
    "掃一掃",
    "微信",
    "微博",
    "更多",
    "展开",
    "展開",
    "全文",
    "阅读全文",
    "閱讀全文",
    "查看原文",
    "举报",
    "檢舉",
    "相关新闻",
    "相關新聞",
    "热门",
    "熱門",
    "推荐",
    "推薦",
    "订阅",
    "訂閱",
    "关注",
    "關注",
    "讚",
    "赞",
    "大 中 小",
    "字号：大 中 小",
    "Tweet",
    "Share",
    "Print",
    "Email",
];

/// A lone UI word or a like counter ("+1"). A bare number is not one: articles number
/// their sections so.
fn is_ui_word(text: &str) -> bool {
    let text = text.trim();
    let counter = text.strip_prefix('+').unwrap_or("");
    UI_WORDS.contains(&text)
        || (!counter.is_empty() && counter.len() <= 5 && counter.chars().all(|c| c.is_ascii_digit()))
}

/// A line asking the reader to download the site's app or scan its code: a short line with
/// the ask ("歡迎下載", "扫码关注") and the app or account it is for. An article that tells
/// its reader to download a client is not one: it names no such ask.
fn is_app_promotion(text: &str) -> bool {
    if text.chars().count() > 60 {
        return false;
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let scan = has(&["扫码", "掃碼", "扫描", "掃描", "长按", "長按", "识别", "識別"]);
    let code = has(&["二维码", "二維碼", "公众号", "公眾號"]);
    let download = has(&["下载", "下載", "关注", "關注"]);
    let app = has(&["APP", "App", "app", "客户端", "客戶端", "公众号", "公眾號"]);
    let ask = has(&["欢迎", "歡迎", "立即", "马上", "馬上", "点击", "點擊", "请", "請", "抽奖", "抽獎"]);
    (scan && code) || (download && app && ask)
}

/// A WeChat account's closing asks: "回复【美图】看看广州有多惊艳", "点击菜单栏【便民服务】解锁更多
///服务！", "看都看完了，点【在看】试试".
fn is_account_ask(text: &str) -> bool {
    const ASKS: &[&str] = &[
        "回复【",
        "回覆【",
        "点击菜单",
        "點擊菜單",
        "【在看】",
        "点个在看",
        "點個在看",
        "点亮在看",
        "分享给朋友",
        "设为星标",
        "設為星標",
    ];
    text.chars().count() <= 40 && ASKS.iter().any(|a| text.contains(a))
}

/// Words that introduce the writer's name on a byline line.
const BYLINE_LABELS: &[&str] =
    &["作者", "文", "撰文", "撰稿", "记者", "記者", "本报记者", "本報記者", "特约撰稿人", "特約撰稿人", "By", "by"];

/// What a byline line says.
#[derive(Debug, PartialEq)]
struct Byline {
    /// The writer's name (or names, space-separated).
    name: String,
    /// The outlet named before the label ("澎湃新闻" of "澎湃新闻记者 X"), without brackets.
    outlet: Option<String>,
}

/// The byline of a short line: "作者：张三", "文／张三", "《棱镜》作者 周纯", "本报记者 李四 王五",
/// "澎湃新闻记者 段彦超 廖艳".
fn byline(text: &str) -> Option<Byline> {
    let text = text.trim();
    if text.chars().count() > 30 {
        return None;
    }
    for label in BYLINE_LABELS {
        let Some(at) = text.find(label) else {
            continue;
        };
        // The label starts the line, or follows the outlet's name ("《棱镜》作者", "澎湃新闻记者").
        let before = text[..at].trim();
        let bracketed = before.starts_with(['《', '【', '[']) && before.ends_with(['》', '】', ']']);
        let labelled = before.is_empty()
            || ((bracketed || crate::ingest::page_meta::is_outlet(before, None)) && before.chars().count() <= 12);
        if !labelled {
            continue;
        }
        let rest = &text[at + label.len()..];
        let separated = rest.starts_with([':', '：', '/', '／', '|', '｜', ' ', '\u{3000}']);
        let name = rest.trim_start_matches([':', '：', '/', '／', '|', '｜', ' ', '\u{3000}']).trim();
        if separated && is_name_list(name) {
            let outlet = before.trim_matches(['《', '》', '【', '】', '[', ']']).trim();
            return Some(Byline {
                name: name.split_whitespace().collect::<Vec<_>>().join(" "),
                outlet: (!outlet.is_empty()).then(|| outlet.to_string()),
            });
        }
    }
    None
}

/// One or a few names: letters only (Han or Latin), separated by spaces, 、 or ·.
fn is_name_list(text: &str) -> bool {
    let chars = text.chars().count();
    (2..=20).contains(&chars)
        && text.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '、' || c == '·' || c == '.' || c == '\u{3000}')
        && text.split([' ', '、']).all(|n| n.chars().count() <= 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_words_and_promotion_lines_go() {
        let mut blocks: Vec<Block> =
            ["图集", "+1", "正文第一段。", "還想看更多新聞嗎？歡迎下載自由時報APP，現在看新聞還能抽獎", "中国"]
                .into_iter()
                .map(Block::text)
                .collect();
        tidy(&mut Meta::default(), &mut blocks);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["正文第一段。", "中国"]);
        assert!(!is_app_promotion("服务器正常运行后我们还需要在本地电脑上安装客户端，进入此页面下载对应的客户端"));
        assert!(is_app_promotion("扫码关注公众号，获取更多资讯"));
        assert!(is_app_promotion("扫描下方二维码解锁更多技能"));
        assert!(is_account_ask("5、回复【美图】看看广州有多惊艳"));
        assert!(is_account_ask("看都看完了，点【在看】试试"));
        assert!(!is_account_ask("他回复说，这件事要等到明天再决定。"));
    }

    #[test]
    fn a_byline_line_becomes_the_author() {
        let mut meta = Meta::default();
        let mut blocks: Vec<Block> = ["《棱镜》作者 周纯", "正文第一段。"].into_iter().map(Block::text).collect();
        tidy(&mut meta, &mut blocks);
        assert_eq!(meta.author.as_deref(), Some("周纯"));
        assert_eq!(blocks.len(), 1);
        assert_eq!(meta.source.as_deref(), Some("棱镜"));
        let name = |text: &str| byline(text).map(|b| b.name);
        assert_eq!(name("文／张三").as_deref(), Some("张三"));
        assert_eq!(name("本报记者 李四 王五").as_deref(), Some("李四 王五"));
        assert_eq!(
            byline("澎湃新闻记者 段彦超 廖艳"),
            Some(Byline { name: "段彦超 廖艳".into(), outlet: Some("澎湃新闻".into()) })
        );
        assert_eq!(name("文化部今天发布通知"), None);
        assert_eq!(
            dateline("新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工"),
            Some(Byline { name: "唐霁".into(), outlet: Some("新华社".into()) })
        );
        assert_eq!(
            dateline("本报讯（记者 张三、李四）昨天").map(|b| (b.name, b.outlet)),
            Some(("张三 李四".into(), None))
        );
        assert_eq!(dateline("他说电（记者会）上的话不算数，这是一个很长的句子。"), None);
        assert_eq!(name("作者认为，这是对的。"), None);
    }
}
