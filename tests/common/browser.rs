//! A headless Chromium driven over WebDriver (chromedriver + fantoccini), for the tests that
//! look at pages as a reader does.

use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The chromedriver process, stopped when dropped.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A port no one listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Chromium and chromedriver started for `test`, or `None` after saying the test was skipped
/// (in CI a missing one fails the test).
pub async fn browser_for(test: &str) -> Option<(Driver, Client, tempfile::TempDir)> {
    let chromium = super::tools::require(test, "Chromium", &["/usr/bin/chromium", "/usr/bin/chromium-browser"])?;
    let chromedriver = super::tools::require(test, "chromedriver", &["/usr/bin/chromedriver"])?;
    Some(start_browser(&chromedriver, &chromium).await)
}

/// Starts chromedriver and a headless Chromium session with a fresh profile.
pub async fn start_browser(
    chromedriver: &std::path::Path,
    chromium: &std::path::Path,
) -> (Driver, Client, tempfile::TempDir) {
    let port = free_port();
    let driver = Driver(
        Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let profile = tempfile::tempdir().unwrap();
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": chromium.display().to_string(),
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--hide-scrollbars", format!("--user-data-dir={}", profile.path().display())]
        }
    });
    let capabilities = capabilities.as_object().unwrap().clone();
    let started = Instant::now();
    loop {
        let attempt = ClientBuilder::rustls()
            .expect("rustls connector")
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match attempt {
            Ok(client) => return (driver, client, profile),
            Err(e) if started.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("could not start a browser session: {e}"),
        }
    }
}
