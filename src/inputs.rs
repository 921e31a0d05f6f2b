//! What the command line names as inputs: files, folders (every supported file inside, in
//! name order) and `-` for standard input; and the output slug each one gets.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// One input to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A web page.
    Url(String),
}

impl Input {
    /// How the input is named in messages.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".into(),
            Input::Url(url) => url.clone(),
        }
    }

    /// The path used in error messages.
    pub fn path(&self) -> PathBuf {
        match self {
            Input::File(p) => p.clone(),
            Input::Stdin => PathBuf::from("<stdin>"),
            Input::Url(url) => PathBuf::from(url),
        }
    }
}

/// The inputs a `--urls` file lists: one a line, blank lines and lines starting with `#` left out.
pub fn read_url_list(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(PathBuf::from).collect())
}

/// The reviewed translations kept beside an article: `DIR/STEM.en.xlf` (or `.xliff`) as a CAT
/// tool gives it back, then `DIR/STEM.en.tmx` (where `duizhao serve` keeps its edits), in the
/// order they are applied over the translation beside it ([`translation_of`]): the later wins.
pub(crate) fn reviews_of(article: &Path) -> Vec<PathBuf> {
    let Some(dir) = article.parent() else { return Vec::new() };
    let stem = slug_stem(article);
    ["xlf", "xliff", "tmx"].iter().map(|ext| dir.join(format!("{stem}.en.{ext}"))).filter(|p| p.is_file()).collect()
}

/// File extensions read when a folder is given.
const SUPPORTED: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml", "xml", "epub", "rss", "atom"];

/// What the command line's inputs expand to.
#[derive(Debug, Default)]
pub struct Collected {
    /// The inputs in order; a path that does not exist (or a folder that cannot be read) is
    /// an error in its place, so the other inputs are still built.
    pub inputs: Vec<Result<Input, Error>>,
    /// duizhao's own outputs ([`is_own_output`]) and OmegaT project folders found in the
    /// folders given, left out.
    pub own_outputs: Vec<PathBuf>,
}

impl Collected {
    /// A message on the own outputs left out, when there were any: said once per run.
    pub(crate) fn own_outputs_note(&self) -> Option<String> {
        let n = self.own_outputs.len();
        let first = self.own_outputs.first()?;
        let others = match n {
            1 => String::new(),
            2 => " and 1 other".to_string(),
            _ => format!(" and {} others", n - 1),
        };
        Some(format!(
            "{}{others} left out: duizhao's own outputs (recognised by their generator mark) and OmegaT projects are \
             not articles; name a file to build it anyway",
            first.display()
        ))
    }
}

/// Expands the command line's inputs. Paths that do not exist become errors in the list, in
/// their place, so the other inputs are still built. A folder never yields duizhao's own
/// outputs (the editions of an earlier run into the same folder) or an OmegaT project.
pub fn collect(args: &[PathBuf]) -> Collected {
    let mut collected = Collected::default();
    for arg in args {
        let text = arg.to_string_lossy();
        if arg.as_os_str() == "-" {
            collected.inputs.push(Ok(Input::Stdin));
        } else if text.starts_with("http://") || text.starts_with("https://") {
            collected.inputs.push(Ok(Input::Url(text.into_owned())));
        } else if arg.is_dir() {
            let mut files = Vec::new();
            walk(arg, &mut files, &mut collected);
            files.sort();
            collected.own_outputs.sort();
            collected.inputs.extend(files.into_iter().map(|f| Ok(Input::File(f))));
        } else if arg.exists() {
            collected.inputs.push(Ok(Input::File(arg.clone())));
        } else {
            collected.inputs.push(Err(Error::NotFound { path: arg.clone() }));
        }
    }
    collected
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, collected: &mut Collected) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            collected.inputs.push(Err(Error::io(dir, e)));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            // An OmegaT project holds a translator's source and target files, not articles.
            if path.join("omegat.project").is_file() {
                collected.own_outputs.push(path);
            } else {
                walk(&path, files, collected);
            }
        } else if is_supported(&path) && !is_translation(&name) {
            if is_own_output(&path) {
                collected.own_outputs.push(path);
            } else {
                files.push(path);
            }
        }
    }
}

/// The marks duizhao's outputs carry near their start: the HTML pages' and the EPUB package's
/// `<meta name="generator">`, the Markdown's first-line comment, the Anki deck's name.
const OWN_MARKS: &[&str] = &["name=\"generator\" content=\"duizhao", "<!-- generator: duizhao", "#deck:duizhao"];

/// Whether the file at `path` is an output of duizhao (any version), by the generator mark in
/// its first 4 KB or, for an EPUB, in its package document.
pub(crate) fn is_own_output(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let mut head = Vec::with_capacity(4096);
    if file.by_ref().take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    if head.starts_with(b"PK\x03\x04") {
        return epub_is_own(file);
    }
    let head = String::from_utf8_lossy(&head);
    OWN_MARKS.iter().any(|mark| head.contains(mark))
}

/// Whether a zip file is an EPUB whose package document carries duizhao's generator mark.
fn epub_is_own(file: std::fs::File) -> bool {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(file) else { return false };
    let packages: Vec<String> =
        zip.file_names().flatten().filter(|n| n.ends_with(".opf")).map(|n| n.into_owned()).collect();
    packages.iter().any(|name| {
        let mut text = String::new();
        zip.by_name(name).is_ok_and(|entry| entry.take(1 << 20).read_to_string(&mut text).is_ok())
            && OWN_MARKS[0..1].iter().any(|mark| text.contains(mark))
    })
}

fn is_supported(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| SUPPORTED.contains(&e.to_ascii_lowercase().as_str()))
}

/// `article.en.md` is the English of `article.*`, not an article of its own.
pub(crate) fn is_translation(file_name: &str) -> bool {
    file_name.split('.').skip(1).any(|part| part.eq_ignore_ascii_case("en"))
}

/// The English translation kept beside an article: `DIR/STEM.en.md` (or `.txt`, `.html`)
/// for `DIR/STEM.*`.
pub(crate) fn translation_of(article: &Path) -> Option<PathBuf> {
    let dir = article.parent()?;
    let stem = slug_stem(article);
    ["md", "markdown", "txt", "html", "htm"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.en.{ext}")))
        .find(|p| p.is_file())
}

/// Gives each input a unique, file-system-safe slug from its file name.
#[derive(Debug, Default)]
pub(crate) struct Slugs {
    taken: HashSet<String>,
}

impl Slugs {
    /// The slug for `input`: the file name without its extensions, unique within this run.
    pub(crate) fn assign(&mut self, input: &Input) -> String {
        let base = match input {
            Input::Stdin => "stdin".to_string(),
            Input::File(path) => slug_of(path),
            Input::Url(url) => slug_of_url(url),
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !self.taken.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        slug
    }
}

/// The last path segment of a URL without its extension (`.../chinese/715134.html` ->
/// `715134`), else its host.
fn slug_of_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let segment = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let name = if segment.is_empty() {
        host
    } else {
        // Web pages end in .html, .shtml, .aspx, .php ...: drop the extension whatever it is.
        segment
            .rsplit_once('.')
            .filter(|(stem, ext)| !stem.is_empty() && ext.len() <= 5)
            .map_or(segment, |(stem, _)| stem)
    };
    slug_of(Path::new(name))
}

/// The file name without its supported extensions (`a.html.xml` -> `a`).
pub(crate) fn slug_stem(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut stem = name.as_str();
    while let Some((head, ext)) = stem.rsplit_once('.') {
        if head.is_empty() || !SUPPORTED.contains(&ext.to_ascii_lowercase().as_str()) {
            break;
        }
        stem = head;
    }
    stem.to_string()
}

fn slug_of(path: &Path) -> String {
    let stem = slug_stem(path);
    let slug: String =
        stem.chars().map(|c| if c.is_alphanumeric() || c == '_' || c == '-' { c } else { '-' }).collect();
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() { "article".into() } else { slug }
}

/// A title as a name safe in file names: letters (any script), digits, `_` and single `-`s
/// (`我的书: 上` -> `我的书-上`); may be empty.
pub(crate) fn slugify(name: &str) -> String {
    let slug: String =
        name.chars().map(|c| if c.is_alphanumeric() || c == '_' || c == '-' { c } else { '-' }).collect();
    slug.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let mut s = Slugs::default();
        assert_eq!(s.assign(&Input::File("a/000_9cd979bd4177cabe.txt".into())), "000_9cd979bd4177cabe");
        assert_eq!(s.assign(&Input::File("x/gb18030_news.html.xml".into())), "gb18030_news");
        assert_eq!(s.assign(&Input::File("b/000_9cd979bd4177cabe.md".into())), "000_9cd979bd4177cabe-2");
        assert_eq!(s.assign(&Input::Stdin), "stdin");
        assert_eq!(s.assign(&Input::Url("https://chinadigitaltimes.net/chinese/715134.html".into())), "715134");
        assert_eq!(s.assign(&Input::Url("http://127.0.0.1:8080/".into())), "127-0-0-1-8080");
        assert_eq!(s.assign(&Input::Url("https://www.cna.com.tw/news/201603190029.aspx?x=1".into())), "201603190029");
    }

    #[test]
    fn translations_are_not_articles() {
        assert!(is_translation("000_9cd979bd4177cabe.en.md"));
        assert!(!is_translation("article.md"));
    }
}
