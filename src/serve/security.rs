//! What keeps a local server local: a random token every request must carry, the `Host` and
//! `Origin` headers checked so that no other web site open in the same browser can reach it
//! (DNS rebinding, cross-site requests), and file paths that cannot leave their folder.

use std::path::{Component, Path, PathBuf};

/// A new random token: 32 hexadecimal digits from the operating system's random source.
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 16];
    let filled = std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes));
    if filled.is_err() {
        // No /dev/urandom (not a Unix system): the clock and the process, hashed.
        let seed = format!("{:?}{}{}", std::time::SystemTime::now(), std::process::id(), fastrand::u64(..));
        bytes.copy_from_slice(&blake3::hash(seed.as_bytes()).as_bytes()[..16]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two tokens in time that does not depend on where they differ.
pub(crate) fn same_token(given: &str, token: &str) -> bool {
    given.len() == token.len() && given.bytes().zip(token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// The `Host` values the server answers to: the loopback names (or the bound address) with
/// its port. Anything else is a page of another site that resolved its name to this machine.
pub(crate) fn allowed_host(host: &str, bound: &std::net::SocketAddr) -> bool {
    let port = bound.port();
    let mut names = vec![format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
    if !bound.ip().is_unspecified() {
        names.push(bound.to_string());
    }
    names.iter().any(|name| name.eq_ignore_ascii_case(host))
}

/// An `Origin` header is allowed when it is this server's own: a page it served.
pub(crate) fn allowed_origin(origin: &str, bound: &std::net::SocketAddr) -> bool {
    origin.strip_prefix("http://").is_some_and(|host| allowed_host(host, bound))
}

/// `%E7%AC%AC` -> `第`; `None` for a malformed escape or bytes that are not UTF-8.
pub use crate::text::percent::decode as percent_decode;

/// The file `raw` (a URL path below a route, still percent-encoded) names inside `root`, or
/// `None` when it would leave it: `..`, absolute paths, backslashes, NUL, encoded slashes,
/// and symbolic links that lead out are all refused.
pub fn contained(root: &Path, raw: &str) -> Option<PathBuf> {
    let lower = raw.to_ascii_lowercase();
    // An encoded slash or backslash would be a separator after decoding.
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_decode(raw)?;
    if decoded.is_empty() || decoded.contains('\\') || decoded.contains('\0') || decoded.starts_with('/') {
        return None;
    }
    let relative = Path::new(&decoded);
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let root = root.canonicalize().ok()?;
    let path = root.join(relative).canonicalize().ok()?;
    (path.starts_with(&root) && path.is_file()).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_hosts_and_origins() {
        let token = new_token();
        assert_eq!(token.len(), 32);
        assert_ne!(token, new_token());
        assert!(same_token(&token, &token.clone()) && !same_token("abc", &token));
        let bound: std::net::SocketAddr = "127.0.0.1:8731".parse().unwrap();
        assert!(allowed_host("localhost:8731", &bound) && allowed_host("127.0.0.1:8731", &bound));
        assert!(!allowed_host("evil.example:8731", &bound) && !allowed_host("127.0.0.1:80", &bound));
        assert!(allowed_origin("http://127.0.0.1:8731", &bound));
        assert!(!allowed_origin("https://evil.example", &bound) && !allowed_origin("null", &bound));
    }

    #[test]
    fn paths_stay_inside_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b 文.html"), "x").unwrap();
        assert!(contained(dir.path(), "a.json").is_some());
        assert!(contained(dir.path(), "sub/b%20%E6%96%87.html").is_some());
        for bad in [
            "../a.json",
            "sub/../../etc/passwd",
            "/etc/passwd",
            "%2e%2e/a.json",
            "sub%2fb.html",
            "..%5ca.json",
            "a.json%00",
            "sub\\b.html",
            "",
            "sub",
        ] {
            assert!(contained(dir.path(), bad).is_none(), "{bad}");
        }
    }
}
