//! Lines of a web page that sit among the article's paragraphs without being article: the
//! site's UI words ("图集", "+1", "分享"), app-promotion lines ("歡迎下載自由時報APP"), and
//! byline and date lines ("《棱镜》作者 周纯", "发布时间：2019-03-06"), which belong in the
//! metadata.

use crate::document::{Block, Meta};
use crate::ingest::page_meta::date_line;

/// Leaves out the UI words and promotion lines in `blocks`, and takes a byline line and a date
/// line near the top into `meta` (when it lacks them) instead of the text.
pub(crate) fn tidy(meta: &mut Meta, blocks: &mut Vec<Block>) {
    blocks.retain(|b| !is_ui_word(&b.text) && !is_app_promotion(&b.text));
    if let Some(at) = blocks.iter().take(3).position(|b| date_line(&b.text).is_some()).filter(|_| blocks.len() > 1) {
        let date = date_line(&blocks.remove(at).text);
        meta.date = meta.date.take().or(date);
    }
    let byline = blocks.iter().take(3).position(|b| byline_name(&b.text).is_some());
    // An article is never only its byline.
    if let Some(at) = byline.filter(|_| blocks.len() > 1) {
        let name = byline_name(&blocks[at].text);
        if meta.author.is_none() {
            meta.author = name;
        }
        blocks.remove(at);
    }
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
    let action = ["下载", "下載", "扫码", "掃碼", "扫描", "掃描", "长按", "長按", "关注", "關注"];
    let target = ["APP", "App", "app", "客户端", "客戶端", "二维码", "二維碼", "公众号", "公眾號"];
    let ask = [
        "欢迎", "歡迎", "立即", "马上", "馬上", "点击", "點擊", "扫码", "掃碼", "长按", "長按", "请", "請", "抽奖",
        "抽獎",
    ];
    action.iter().any(|d| text.contains(d))
        && target.iter().any(|a| text.contains(a))
        && ask.iter().any(|a| text.contains(a))
}

/// Words that introduce the writer's name on a byline line.
const BYLINE_LABELS: &[&str] =
    &["作者", "文", "撰文", "撰稿", "记者", "記者", "本报记者", "本報記者", "特约撰稿人", "特約撰稿人", "By", "by"];

/// The writer's name on a short byline line: "作者：张三", "文／张三", "《棱镜》作者 周纯",
/// "本报记者 李四 王五".
fn byline_name(text: &str) -> Option<String> {
    let text = text.trim();
    if text.chars().count() > 30 {
        return None;
    }
    for label in BYLINE_LABELS {
        let Some(at) = text.find(label) else {
            continue;
        };
        // The label starts the line, or follows the outlet's name in 《》 or 【】.
        let before = text[..at].trim();
        let labelled = before.is_empty()
            || (before.starts_with(['《', '【', '['])
                && before.ends_with(['》', '】', ']'])
                && before.chars().count() <= 12);
        if !labelled {
            continue;
        }
        let rest = &text[at + label.len()..];
        let separated = rest.starts_with([':', '：', '/', '／', '|', '｜', ' ', '\u{3000}']);
        let name = rest.trim_start_matches([':', '：', '/', '／', '|', '｜', ' ', '\u{3000}']).trim();
        if separated && is_name_list(name) {
            return Some(name.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    None
}

/// One or a few names: letters only (Han or Latin), separated by spaces, 、 or ·.
fn is_name_list(text: &str) -> bool {
    let chars = text.chars().count();
    (2..=20).contains(&chars)
        && text.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '、' || c == '·' || c == '.' || c == '\u{3000}')
        && text.split(|c: char| c == ' ' || c == '、').all(|n| n.chars().count() <= 8)
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
    }

    #[test]
    fn a_byline_line_becomes_the_author() {
        let mut meta = Meta::default();
        let mut blocks: Vec<Block> = ["《棱镜》作者 周纯", "正文第一段。"].into_iter().map(Block::text).collect();
        tidy(&mut meta, &mut blocks);
        assert_eq!(meta.author.as_deref(), Some("周纯"));
        assert_eq!(blocks.len(), 1);
        assert_eq!(byline_name("文／张三").as_deref(), Some("张三"));
        assert_eq!(byline_name("本报记者 李四 王五").as_deref(), Some("李四 王五"));
        assert_eq!(byline_name("文化部今天发布通知"), None);
        assert_eq!(byline_name("作者认为，这是对的。"), None);
    }
}
