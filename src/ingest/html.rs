//! HTML to paragraphs: block elements become paragraphs, `<br>` splits them, and everything a
//! reader does not see as the article (scripts, navigation, share widgets, comment walls,
//! footers, hidden elements) is left out. For whole web pages the article body is found by a
//! readability-style score of text density; archive fragments are body throughout.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use crate::document::{Block, Meta, ParagraphKind};
use crate::ingest::text::normalize_space;

/// How much of the HTML is the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A whole web page: find the article body among navigation and other chrome.
    Page,
    /// An article fragment (an archive body, Markdown's HTML): all of it is body.
    Fragment,
}

/// Parses HTML text; whole documents and fragments alike. XHTML (an XML declaration or the
/// XHTML namespace) is read as XML reads it: a self-closed `<script/>` or `<div/>` is empty.
pub fn parse(html: &str) -> Html {
    if is_xhtml(html) {
        return Html::parse_document(&limit_depth(&close_empty_elements(html)));
    }
    Html::parse_document(&limit_depth(html))
}

/// True for XHTML: an XML declaration, or the XHTML namespace on the root element.
pub(crate) fn is_xhtml(html: &str) -> bool {
    let head = &html[..html.len().min(html.char_indices().nth(2048).map_or(html.len(), |(i, _)| i))];
    head.trim_start_matches('\u{feff}').trim_start().starts_with("<?xml")
        || head.contains("http://www.w3.org/1999/xhtml")
}

/// XHTML with every self-closed element that is not void (`<script src="a.js"/>`, `<div
/// id="x"/>`, `<a name="top"/>`) given its end tag. An HTML parser ignores the slash, so without
/// this a self-closed script in the head swallows the page as script text up to the next
/// `</script>`, and a self-closed `<a>` makes the rest of the page a link.
fn close_empty_elements(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("/>") {
        return html.into();
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let (mut copied, mut at) = (0usize, 0usize);
    let find = |from: usize, needle: &str| html[from..].find(needle).map_or(html.len(), |i| from + i + needle.len());
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        if html[start..].starts_with("<!--") {
            at = find(start, "-->");
            continue;
        }
        if html[start..].starts_with("<![CDATA[") {
            at = find(start, "]]>");
            continue;
        }
        if !bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            at = start + 1;
            continue;
        }
        let end = tag_end(html, start);
        let name: String = html[start + 1..end]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closed = bytes[..end].ends_with(b"/>");
        at = end;
        if self_closed && !VOID.contains(&name.as_str()) {
            out.push_str(&html[copied..end - 2]);
            out.push_str("></");
            out.push_str(&name);
            out.push('>');
            copied = end;
        } else if !self_closed && RAW_TEXT.contains(&name.as_str()) {
            // A script's text is not markup, whatever it holds.
            let close = format!("</{name}");
            at = html[end..]
                .match_indices("</")
                .map(|(i, _)| end + i)
                .find(|&i| bytes[i..].get(..close.len()).is_some_and(|b| b.eq_ignore_ascii_case(close.as_bytes())))
                .unwrap_or(html.len());
        }
    }
    out.push_str(&html[copied..]);
    out.into()
}

/// The byte just past the `>` ending the start tag at `start`, skipping `>` inside quoted
/// attribute values.
fn tag_end(html: &str, start: usize) -> usize {
    let mut quote = None;
    for (i, b) in html.as_bytes()[start..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(*b),
            (Some(q), _) if q == *b => quote = None,
            (None, b'>') => return start + i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Parses an HTML fragment (no document around it), nesting limited as [`parse`] does.
pub(crate) fn parse_fragment(html: &str) -> Html {
    Html::parse_fragment(&limit_depth(html))
}

/// The deepest element nesting parsed as written. html5ever checks element scopes by walking
/// its stack of open elements, so a start tag costs time in proportion to the depth, and a page
/// nested 100,000 deep would take hours. No article nests a few hundred deep.
const MAX_DEPTH: usize = 256;

/// Elements that never hold content, so never nest.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// `html` with the start tags that would nest deeper than [`MAX_DEPTH`] (and as many end tags)
/// left out; all text is kept. Tags are counted as they are written, which is close enough
/// for the only inputs it changes: ones no browser shows sensibly either.
fn limit_depth(html: &str) -> std::borrow::Cow<'_, str> {
    if html.bytes().filter(|&b| b == b'<').count() <= MAX_DEPTH {
        return html.into();
    }
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut dropped, mut copied, mut at) = (0usize, 0usize, 0usize, 0usize);
    let find = |from: usize, needle: &str| html[from..].find(needle).map_or(html.len(), |i| from + i + needle.len());
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let next = bytes.get(start + 1).copied().unwrap_or(b' ');
        if html[start..].starts_with("<!--") {
            at = find(start, "-->");
        } else if next == b'!' || next == b'?' {
            at = find(start, ">");
        } else if next == b'/' && bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic) {
            let end = find(start, ">");
            if dropped > 0 {
                dropped -= 1;
                out.push_str(&html[copied..start]);
                copied = end;
            } else {
                depth = depth.saturating_sub(1);
            }
            at = end;
        } else if next.is_ascii_alphabetic() {
            let end = find(start, ">");
            let name: String = html[start + 1..end]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            at = end;
            if RAW_TEXT.contains(&name.as_str()) {
                // Skip past the end tag: the content may hold '<' that is not a tag, and the end
                // tag belongs to a start tag that was kept.
                let close = format!("</{name}");
                at = html[end..]
                    .match_indices("</")
                    .map(|(i, _)| end + i)
                    .find(|&i| bytes[i..].get(..close.len()).is_some_and(|b| b.eq_ignore_ascii_case(close.as_bytes())))
                    .map_or(html.len(), |i| find(i, ">"));
                continue;
            }
            if VOID.contains(&name.as_str()) || html[..end].ends_with("/>") {
                continue;
            }
            if depth >= MAX_DEPTH {
                dropped += 1;
                out.push_str(&html[copied..start]);
                copied = end;
            } else {
                depth += 1;
            }
        } else {
            at = start + 1;
        }
    }
    out.push_str(&html[copied..]);
    out.into()
}

/// The metadata and body paragraphs of an HTML document.
pub fn extract(doc: &Html, scope: Scope) -> (Meta, Vec<Block>) {
    let mut meta = crate::ingest::page_meta::page_meta(doc);
    crate::ingest::sites::apply(doc, &mut meta);
    let mut walker = Walker::default();
    walker.walk(doc.tree.root(), &Context::default());
    let mut raw = walker.into_blocks();
    if scope == Scope::Page {
        raw = main_content(doc, raw);
    }
    let mut blocks: Vec<Block> = raw.into_iter().map(|b| b.block).collect();
    if scope == Scope::Page {
        crate::ingest::page_lines::tidy(&mut meta, &mut blocks);
    }
    // A page repeats its title as the first heading; the title lives in meta.
    if let Some(title) = &meta.title
        && blocks.first().is_some_and(|b| b.kind == ParagraphKind::Heading && &b.text == title)
    {
        blocks.remove(0);
    }
    (meta, blocks)
}

/// The paragraphs under `node`, all of them body text (a book's page, a footnote).
pub(crate) fn blocks_of(node: NodeRef<'_, Node>) -> Vec<Block> {
    let mut walker = Walker::default();
    walker.walk(node, &Context::default());
    walker.into_blocks().into_iter().map(|b| b.block).collect()
}

/// The paragraphs of a book's page, all of it body text, with its footnotes placed after the
/// paragraph that refers to them: `notes` gives a note's paragraphs by the `href` of the links
/// that refer to it, as the page writes them (`#fn1`, `notes.xhtml#n3`). The reference is
/// written `[label]` and the note starts with it; a note referred to twice is placed once.
pub(crate) fn blocks_with_notes(doc: &Html, notes: HashMap<String, Vec<Block>>) -> Vec<Block> {
    let mut walker = Walker { notes, ..Walker::default() };
    walker.walk(doc.tree.root(), &Context::default());
    walker.into_blocks().into_iter().map(|b| b.block).collect()
}

/// The text under `node`, as it stands.
fn node_text(node: NodeRef<'_, Node>) -> String {
    node.descendants().filter_map(|n| n.value().as_text()).map(|t| &t[..]).collect()
}

/// A paragraph found in the tree, with what the content score needs.
#[derive(Debug)]
struct RawBlock {
    block: Block,
    /// The block element holding the text, then its nearest block ancestors (at most
    /// [`SCORED_ANCESTORS`]); the content score goes to the parent and grandparent
    /// containers, as in readability.
    ancestors: Vec<NodeId>,
    /// How many of the text's characters are inside links.
    link_chars: usize,
    /// True when the text sits in a paragraph-level element (p, li, h1...) rather than
    /// directly in a container (div, section) that holds it with `<br>`s.
    in_paragraph: bool,
    /// The containers around it whose class or id names layout chrome ("nav", "header"):
    /// judged by what they hold once the page is read ([`judge_chrome`]).
    chrome: Vec<NodeId>,
}

/// How many block ancestors a paragraph remembers: the holder and two containers are all the
/// score looks at, and a fixed number keeps deeply nested pages linear.
const SCORED_ANCESTORS: usize = 3;

#[derive(Clone, Default)]
struct Context {
    kind: Option<ParagraphKind>,
    level: Option<u8>,
    in_link: bool,
    in_paragraph: bool,
    ancestors: Vec<NodeId>,
    chrome: Vec<NodeId>,
}

/// A step of the walk: the walk is iterative (an explicit stack) so that a page nested a
/// hundred thousand elements deep cannot overflow the thread's stack.
enum Step<'a> {
    /// Visit a node under a context.
    Enter(NodeRef<'a, Node>, std::rc::Rc<Context>),
    /// A block element's children are done: flush its paragraph.
    Leave(std::rc::Rc<Context>),
}

#[derive(Default)]
struct Walker {
    blocks: Vec<RawBlock>,
    text: String,
    link_chars: usize,
    /// Footnotes by the `href` of the links that refer to them (books only): a reference puts
    /// its note after the paragraph holding it.
    notes: HashMap<String, Vec<Block>>,
    /// Notes referenced in the paragraph being read (their hrefs), with the references' labels.
    pending: Vec<(String, String)>,
    /// Notes already placed.
    placed: HashSet<String>,
}

impl Walker {
    fn walk<'a>(&mut self, root: NodeRef<'a, Node>, ctx: &Context) {
        use std::rc::Rc;
        let mut stack = vec![Step::Enter(root, Rc::new(ctx.clone()))];
        // Children are pushed in reverse so they are visited in document order.
        fn push_children<'a>(stack: &mut Vec<Step<'a>>, node: NodeRef<'a, Node>, ctx: &Rc<Context>) {
            let first = stack.len();
            stack.extend(node.children().map(|child| Step::Enter(child, Rc::clone(ctx))));
            stack[first..].reverse();
        }
        while let Some(step) = stack.pop() {
            let (node, ctx) = match step {
                Step::Leave(ctx) => {
                    self.flush(&ctx);
                    continue;
                }
                Step::Enter(node, ctx) => (node, ctx),
            };
            match node.value() {
                Node::Text(text) => {
                    if ctx.in_link {
                        self.link_chars += text.chars().filter(|c| !c.is_whitespace()).count();
                    }
                    self.text.push_str(&text[..]);
                }
                Node::Element(el) => {
                    let name = el.name();
                    if SKIPPED.contains(&name) || is_hidden(el) {
                        continue;
                    }
                    if name == "a"
                        && let Some(href) = el.attr("href")
                        && self.notes.contains_key(href)
                    {
                        let label = node_text(node);
                        let label = label.trim().trim_matches(['[', ']', '(', ')', '〔', '〕', '［', '］']).trim();
                        let label = if label.is_empty() { "*" } else { label };
                        self.text.push_str(&format!("[{label}]"));
                        self.pending.push((href.to_string(), label.to_string()));
                        continue;
                    }
                    if name == "br" || name == "hr" {
                        self.flush(&ctx);
                        continue;
                    }
                    if name == "a" && (is_navigation_link(node) || el.attr("role") == Some("doc-backlink")) {
                        continue;
                    }
                    if !BLOCKS.contains(&name) {
                        let inner = if name == "a" && !ctx.in_link {
                            Rc::new(Context { in_link: true, ..(*ctx).clone() })
                        } else {
                            ctx
                        };
                        push_children(&mut stack, node, &inner);
                        continue;
                    }
                    let chrome = match name {
                        "html" | "body" | "main" | "article" => None,
                        _ => chrome_class(el),
                    };
                    if chrome == Some(Chrome::Always) {
                        self.flush(&ctx);
                        continue;
                    }
                    self.flush(&ctx);
                    let mut inner = (*ctx).clone();
                    if chrome == Some(Chrome::Layout) {
                        inner.chrome.push(node.id());
                    }
                    inner.ancestors.insert(0, node.id());
                    inner.ancestors.truncate(SCORED_ANCESTORS);
                    inner.in_paragraph = PARAGRAPHS.contains(&name);
                    match name {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            inner.kind = Some(ParagraphKind::Heading);
                            inner.level = name[1..].parse().ok();
                        }
                        "li" | "dt" | "dd" => inner.kind = Some(ParagraphKind::ListItem),
                        "blockquote" => inner.kind = Some(ParagraphKind::Quote),
                        "td" | "th" | "figcaption" | "caption" => inner.kind = Some(ParagraphKind::Text),
                        _ => {}
                    }
                    let inner = Rc::new(inner);
                    stack.push(Step::Leave(Rc::clone(&inner)));
                    push_children(&mut stack, node, &inner);
                }
                Node::Document | Node::Fragment => push_children(&mut stack, node, &ctx),
                _ => {}
            }
        }
    }

    fn flush(&mut self, ctx: &Context) {
        let text = normalize_space(&self.text);
        self.text.clear();
        let link_chars = std::mem::take(&mut self.link_chars);
        if !text.is_empty() {
            let kind = ctx.kind.unwrap_or(ParagraphKind::Text);
            let level = if kind == ParagraphKind::Heading { ctx.level } else { None };
            self.push(Block { kind, level, text }, ctx, link_chars);
        }
        for (id, label) in std::mem::take(&mut self.pending) {
            if self.placed.insert(id.clone()) {
                for (i, mut block) in self.notes[&id].clone().into_iter().enumerate() {
                    if i == 0 {
                        block.text = format!("[{label}] {}", block.text);
                    }
                    self.push(block, ctx, 0);
                }
            }
        }
    }

    fn push(&mut self, block: Block, ctx: &Context, link_chars: usize) {
        self.blocks.push(RawBlock {
            block,
            ancestors: ctx.ancestors.clone(),
            link_chars,
            in_paragraph: ctx.in_paragraph,
            chrome: ctx.chrome.clone(),
        });
    }

    /// The paragraphs read, without those in layout chrome that is not the article.
    fn into_blocks(self) -> Vec<RawBlock> {
        judge_chrome(self.blocks)
    }
}

/// The paragraphs outside layout chrome, and inside the chrome containers that hold the
/// article: a page whose whole body sits in a container classed "nav" or "header" (seen on
/// news sites) keeps its article, while a real menu, header or footer, which holds little of
/// the page's prose, is left out.
fn judge_chrome(blocks: Vec<RawBlock>) -> Vec<RawBlock> {
    if blocks.iter().all(|b| b.chrome.is_empty()) {
        return blocks;
    }
    let prose: Vec<usize> = blocks.iter().map(prose_chars).collect();
    let total: usize = prose.iter().sum();
    let mut held: HashMap<NodeId, usize> = HashMap::new();
    for (block, chars) in blocks.iter().zip(&prose) {
        for id in &block.chrome {
            *held.entry(*id).or_default() += chars;
        }
    }
    let article = |id: &NodeId| held[id] >= 100 && held[id] * 2 >= total;
    blocks.into_iter().filter(|b| b.chrome.iter().all(article)).collect()
}

/// How much of a paragraph is prose: its characters when it reads as sentences (long
/// enough, with sentence punctuation, mostly not links), else nothing.
fn prose_chars(block: &RawBlock) -> usize {
    let text = &block.block.text;
    let chars = text.chars().count();
    let punctuated = text.chars().filter(|c| "。！？，；.!?,;".contains(*c)).count();
    let prose = chars >= 20 && punctuated >= 1 && block.link_chars * 3 < chars;
    if prose { chars } else { 0 }
}

/// Elements whose content a reader never sees as text. Ruby annotations (`rt`, `rp`) are
/// readings over the text, not text: duizhao gives its own.
const SKIPPED: &[&str] = &[
    "rt", "rp", "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "video",
    "audio", "canvas", "img", "picture", "source", "map", "form", "input", "textarea", "select", "option", "button",
    "nav", "footer", "aside", "header", "dialog", "link", "meta",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "html",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "dir",
];

/// Block elements that hold a paragraph rather than contain paragraphs.
const PARAGRAPHS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "td",
    "th",
    "figcaption",
    "caption",
    "address",
    "summary",
];

/// Words in class names and ids that mark page chrome that is never the article: comment
/// walls, share bars, related-article lists, ads, log-in boxes, bylines and tags.
const CHROME_WORDS: &[&str] = &[
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "recommended",
    "breadcrumb",
    "breadcrumbs",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adsbygoogle",
    "copyright",
    "login",
    "signin",
    "popup",
    "modal",
    "subscribe",
    "newsletter",
    "pagination",
    "pager",
    "a2a",
    "addtoany",
    "spoiler",
    "promo",
    "sponsor",
    "qrcode",
    "byline",
    "tags",
    "author",
    "reward",
];

/// Words in class names and ids that name layout (menus, headers, footers, toolbars): chrome
/// as a rule, but some sites wrap the whole page in such a container, so what it holds decides.
const LAYOUT_WORDS: &[&str] = &[
    "foot",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "banner",
    "toolbar",
    "header",
    "masthead",
    "meta",
    "widget",
];

/// How a block element's class and id mark it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chrome {
    /// Never the article ([`CHROME_WORDS`]).
    Always,
    /// Layout, judged by its content ([`LAYOUT_WORDS`]).
    Layout,
}

/// A link that takes the reader somewhere else on the site ("返回腾讯网首页>>", "更多>>",
/// "回到顶部"), judged by its text: news sites put one at the end of the article's last
/// paragraph, where no class marks it.
fn is_navigation_link(node: NodeRef<'_, Node>) -> bool {
    let mut text = String::new();
    for piece in node.descendants().filter_map(|n| n.value().as_text()) {
        text.push_str(piece);
        if text.len() > 120 {
            return false;
        }
    }
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let chars = text.chars().count();
    if chars == 0 || chars > 20 {
        return false;
    }
    let places = ["首页", "主页", "顶部", "目录", "列表", "频道"];
    let back = (text.starts_with("返回") || text.starts_with("回到")) && places.iter().any(|p| text.contains(p));
    let arrows = ["&gt;&gt;", ">>", "»", "》》", "＞＞"];
    back || text == "[返回]" || arrows.iter().any(|a| text.ends_with(a))
}

/// Whether a block element's class and id mark it as page chrome, and of which kind.
fn chrome_class(el: &scraper::node::Element) -> Option<Chrome> {
    let names = el.attr("class").unwrap_or("").to_string() + " " + el.attr("id").unwrap_or("");
    let words: Vec<String> =
        names.split(|c: char| c.is_whitespace() || c == '-' || c == '_').map(str::to_ascii_lowercase).collect();
    if words.iter().any(|w| CHROME_WORDS.contains(&w.as_str())) {
        Some(Chrome::Always)
    } else if words.iter().any(|w| LAYOUT_WORDS.contains(&w.as_str())) {
        Some(Chrome::Layout)
    } else {
        None
    }
}

/// Whole class names that hide an element (a part such as `field-label-hidden` does not).
const HIDDEN_CLASSES: &[&str] =
    &["hidden", "element-hidden", "element-invisible", "invisible", "visually-hidden", "sr-only", "screen-reader-text"];

/// Hidden by the `hidden` attribute, a hiding class, or an inline `display: none`.
fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.classes().any(|c| HIDDEN_CLASSES.contains(&c)) {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        style.contains("display:none")
    })
}

/// The blocks inside the element that scores highest as the article body.
fn main_content(doc: &Html, raw: Vec<RawBlock>) -> Vec<RawBlock> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for block in &raw {
        let chars = block.block.text.chars().count();
        if chars < 15 {
            continue;
        }
        let density = block.link_chars as f64 / chars as f64;
        let commas = block.block.text.chars().filter(|c| "，,。、；;：".contains(*c)).count();
        let score = (1.0 + commas as f64 + (chars as f64 / 40.0).min(4.0)) * (1.0 - density);
        let skip = usize::from(block.in_paragraph);
        for (depth, id) in block.ancestors.iter().skip(skip).take(2).enumerate() {
            *scores.entry(*id).or_default() += score / (depth as f64 + 1.0);
        }
    }
    // A page whose text is all short or all links (an ad box, a link list) has no body to
    // single out: what the reader sees is all of it.
    let Some(top) = scores.iter().max_by(|a, b| a.1.total_cmp(b.1)).map(|(id, _)| *id) else {
        return raw;
    };
    // Readability looks one level up as well: an article split across sibling containers.
    let top_score = scores[&top];
    let parent = doc.tree.get(top).and_then(|n| n.parent()).map(|n| n.id());
    let siblings: Vec<NodeId> = parent
        .and_then(|p| doc.tree.get(p))
        .map(|p| {
            p.children()
                .filter(|c| c.id() != top && scores.get(&c.id()).is_some_and(|s| *s >= top_score * 0.3))
                .map(|c| c.id())
                .collect()
        })
        .unwrap_or_default();
    // Every node under the body's containers, found top-down once: a paragraph is in the body
    // when the element holding it is.
    let mut body = HashSet::new();
    for root in std::iter::once(top).chain(siblings.iter().copied()) {
        if let Some(root) = doc.tree.get(root) {
            body.extend(root.descendants().map(|n| n.id()));
        }
    }
    let in_body = |b: &RawBlock| {
        let chars = b.block.text.chars().count();
        // Link lists inside the body (related articles, tag clouds) are not paragraphs.
        b.ancestors.first().is_some_and(|id| body.contains(id)) && (b.link_chars * 2 <= chars || chars >= 200)
    };
    if raw.iter().any(in_body) { raw.into_iter().filter(in_body).collect() } else { raw }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str, scope: Scope) -> Vec<String> {
        extract(&parse(html), scope).1.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn blocks_breaks_and_kinds() {
        let html =
            "<h2>小标题</h2><p>第一段。<br><br>第二段。</p><blockquote><p>引文</p></blockquote><ul><li>一项</li></ul>";
        let (_, blocks) = extract(&parse(html), Scope::Fragment);
        let kinds: Vec<_> = blocks.iter().map(|b| (b.kind, b.level, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (ParagraphKind::Heading, Some(2), "小标题"),
                (ParagraphKind::Text, None, "第一段。"),
                (ParagraphKind::Text, None, "第二段。"),
                (ParagraphKind::Quote, None, "引文"),
                (ParagraphKind::ListItem, None, "一项"),
            ]
        );
    }

    #[test]
    fn chrome_is_left_out() {
        let html = r#"<div class="addtoany_share_save_container"><a>Facebook</a></div>
            <p>正文<script>alert(1)</script>内容</p><nav>导航</nav>
            <div style="display: none">隐藏</div><div class="comment-list"><p>评论</p></div>"#;
        assert_eq!(texts(html, Scope::Fragment), vec!["正文内容"]);
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_all_text() {
        let depth = 2000;
        let html = "<div>".repeat(depth) + "<p>深处</p>" + &"</div>".repeat(depth) + "<p>之后</p>";
        let limited = limit_depth(&html);
        assert_eq!(limited.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
        assert_eq!(texts(&html, Scope::Fragment), ["深处", "之后"]);
        let scripted = "<div>".repeat(depth) + "<script>if (a<b) x()</script><p>文字</p>" + &"</div>".repeat(depth);
        assert_eq!(texts(&scripted, Scope::Fragment), ["文字"]);
        let shallow = "<p>一</p>".repeat(10);
        assert!(matches!(limit_depth(&shallow), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn page_scope_finds_the_article() {
        let html = r#"<html><head><title>标题--新闻--某网</title></head><body>
            <div class="top"><a href="/">首页</a> <a href="/n">新闻</a></div>
            <div class="main"><h1>标题</h1>
              <p>这是正文的第一段，内容比较长，有逗号，有句号。这样评分才会高。</p>
              <p>这是正文的第二段，同样有内容，有逗号，也有句号。读者看到的就是这些。</p>
            </div>
            <ul class="links"><li><a href="/a">相关链接一</a></li></ul></body></html>"#;
        let (meta, blocks) = extract(&parse(html), Scope::Page);
        assert_eq!(meta.title.as_deref(), Some("标题"));
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].text.starts_with("这是正文的第一段"));
    }

    #[test]
    fn xhtml_self_closed_elements_are_empty() {
        let page = "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>题</title>\
            <script type=\"text/javascript\" src=\"a.js\"/></head><body><div id=\"x\"/><p>正文<a name=\"n\"/>一段。</p>\
            <p title=\"a/>b\">第二段。</p><script>var s = \"<b/>\";</script></body></html>";
        assert_eq!(texts(page, Scope::Fragment), ["正文一段。", "第二段。"]);
        assert_eq!(
            close_empty_elements("<p>一<br/>二<span/>三<!-- <i/> --></p>"),
            "<p>一<br/>二<span></span>三<!-- <i/> --></p>"
        );
        // Plain HTML keeps the HTML reading: a stray slash means nothing there.
        assert!(!is_xhtml("<!DOCTYPE html><html><body><p>一</p></body></html>"));
    }

    #[test]
    fn navigation_links_and_ruby_readings_are_not_text() {
        let html = "<p>最后一段。<a href=\"http://www.qq.com/\">返回腾讯网首页&gt;&gt;</a></p>\
            <p><ruby>长<rp>(</rp><rt>zhǎng</rt><rp>)</rp></ruby>大了，<a href=\"/more\">更多&gt;&gt;</a></p>\
            <p>见<a href=\"/a\">这篇报道</a>。</p>";
        assert_eq!(texts(html, Scope::Fragment), ["最后一段。", "长大了，", "见这篇报道。"]);
    }
}
