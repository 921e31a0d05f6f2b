//! Translation settings: the `[translate]` table of `duizhao.toml` with flags on top.
//!
//! ```toml
//! [translate]
//! provider = "openai"                  # openai | deepl | libretranslate | google
//! endpoint = "https://api.deepseek.com/v1"
//! model = "deepseek-chat"
//! target = "en"
//! source = "zh"                        # default: each request's script decides
//! api_key_env = "DEEPSEEK_API_KEY"     # the variable holding the key, never the key itself
//! concurrency = 4
//! requests_per_minute = 120            # 0: no budget
//! timeout_secs = 60
//! retries = 5
//! max_wait_secs = 60                   # the longest pause after a 429 without Retry-After
//! batch_size = 25                      # at most the provider's own limit
//! prompt_template = "prompt.txt"       # openai only; {language} {glossary} {title} {previous}
//! cache = ".duizhao/cache.sqlite"
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::{ProviderKind, TranslateError};

/// The file read when `--config` is not given, if it exists.
pub(crate) const DEFAULT_CONFIG: &str = "duizhao.toml";

/// Where the cache lives unless configured otherwise.
pub const DEFAULT_CACHE: &str = ".duizhao/cache.sqlite";

/// The translation options given on the command line; they win over the file.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--translate PROVIDER`.
    pub provider: Option<String>,
    /// `--endpoint URL`.
    pub endpoint: Option<String>,
    /// `--model NAME`.
    pub model: Option<String>,
    /// `--retranslate p3,p7`: paragraphs sent again even when cached.
    pub retranslate: Vec<String>,
    /// `--no-cache`: neither read nor write the cache.
    pub no_cache: bool,
    /// `--dry-run`: count requests and characters, send nothing.
    pub dry_run: bool,
}

/// The `[translate]` table as written in the file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    provider: Option<String>,
    endpoint: Option<String>,
    model: Option<String>,
    target: Option<String>,
    source: Option<String>,
    api_key_env: Option<String>,
    concurrency: Option<usize>,
    requests_per_minute: Option<u32>,
    timeout_secs: Option<f64>,
    retries: Option<u32>,
    max_wait_secs: Option<f64>,
    batch_size: Option<usize>,
    prompt_template: Option<PathBuf>,
    cache: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
struct FileConfig {
    translate: Option<FileSettings>,
}

/// Everything a translation run needs, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The service.
    pub provider: ProviderKind,
    /// Its base URL (`None`: the provider's default).
    pub endpoint: Option<String>,
    /// The model (`None`: the provider's default).
    pub model: Option<String>,
    /// Target language code (`en`).
    pub target: String,
    /// Source language code as the provider spells it (`None`: the provider's code for Chinese).
    pub source: Option<String>,
    /// The environment variable holding the key.
    pub api_key_env: String,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests per minute (0: unlimited).
    pub requests_per_minute: u32,
    /// How long one request may take.
    pub timeout: Duration,
    /// Retries after the first attempt.
    pub retries: u32,
    /// Paragraphs per request (`None`: the provider's limit).
    pub batch_size: Option<usize>,
    /// The system-prompt template (openai), already read.
    pub prompt_template: Option<String>,
    /// The cache database.
    pub cache_path: PathBuf,
    /// Whether the cache is read and written.
    pub use_cache: bool,
    /// Paragraph ids to translate again even when cached.
    pub retranslate: Vec<String>,
    /// Count, send nothing.
    pub dry_run: bool,
    /// The first retry's pause (doubled each time, with jitter).
    pub backoff_base: Duration,
    /// The longest pause between retries (a longer `Retry-After` is still honoured).
    pub backoff_max: Duration,
    /// The first pause after a rate limit without `Retry-After` (doubled each time): with the
    /// default 5 retries, the pauses outlast a per-minute window.
    pub rate_limit_base: Duration,
    /// The longest pause after a rate limit without `Retry-After` (`max_wait_secs`).
    pub max_wait: Duration,
}

impl Settings {
    /// Settings for `provider` with every default.
    pub fn new(provider: ProviderKind) -> Self {
        Settings {
            provider,
            endpoint: None,
            model: None,
            target: "en".to_string(),
            source: None,
            api_key_env: provider.default_key_env().to_string(),
            concurrency: 4,
            requests_per_minute: 120,
            timeout: Duration::from_secs(60),
            retries: 5,
            batch_size: None,
            prompt_template: None,
            cache_path: PathBuf::from(DEFAULT_CACHE),
            use_cache: true,
            retranslate: Vec::new(),
            dry_run: false,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(30),
            rate_limit_base: Duration::from_secs(4),
            max_wait: Duration::from_secs(60),
        }
    }

    /// Resolves the settings from `flags` and the configuration file (`flags.config`, else
    /// `./duizhao.toml` when present). `Ok(None)` when no provider is configured anywhere: the
    /// build runs without translation, as it always has.
    pub fn resolve(flags: &Flags) -> Result<Option<Settings>, TranslateError> {
        let file = match &flags.config {
            Some(path) => Some((path.clone(), read_file(path)?)),
            None => {
                let path = PathBuf::from(DEFAULT_CONFIG);
                if path.is_file() { Some((path.clone(), read_file(&path)?)) } else { None }
            }
        };
        let (base_dir, file_settings) = match file {
            Some((path, settings)) => (path.parent().map(Path::to_path_buf).unwrap_or_default(), settings),
            None => (PathBuf::new(), FileSettings::default()),
        };
        let Some(name) = flags.provider.clone().or(file_settings.provider.clone()) else {
            let stray = [
                (flags.endpoint.is_some(), "--endpoint"),
                (flags.model.is_some(), "--model"),
                (!flags.retranslate.is_empty(), "--retranslate"),
                (flags.no_cache, "--no-cache"),
                (flags.dry_run, "--dry-run"),
            ];
            if let Some((_, flag)) = stray.iter().find(|(given, _)| *given) {
                return Err(TranslateError::Config(format!(
                    "{flag} only applies to translation: add --translate PROVIDER (or provider in duizhao.toml)"
                )));
            }
            return Ok(None);
        };
        let provider = ProviderKind::parse(&name).ok_or_else(|| {
            TranslateError::Config(format!(
                "unknown provider {name:?}; choose one of {} (see duizhao providers)",
                ProviderKind::ALL.map(|k| k.name()).join(", ")
            ))
        })?;
        let mut s = Settings::new(provider);
        let f = file_settings;
        s.endpoint = flags.endpoint.clone().or(f.endpoint).map(|e| e.trim().trim_end_matches('/').to_string());
        if let Some(endpoint) = &s.endpoint
            && !(endpoint.starts_with("http://") || endpoint.starts_with("https://"))
        {
            return Err(TranslateError::Config(format!("endpoint {endpoint:?} must start with http:// or https://")));
        }
        s.model = flags.model.clone().or(f.model).filter(|m| !m.trim().is_empty());
        if let Some(target) = f.target {
            s.target = target;
        }
        s.source = f.source;
        if let Some(var) = f.api_key_env {
            s.api_key_env = var;
        }
        if let Some(n) = f.concurrency {
            if n == 0 {
                return Err(TranslateError::Config("concurrency must be at least 1".into()));
            }
            s.concurrency = n;
        }
        if let Some(rpm) = f.requests_per_minute {
            s.requests_per_minute = rpm;
        }
        if let Some(secs) = f.timeout_secs {
            if !(secs > 0.0 && secs.is_finite()) {
                return Err(TranslateError::Config("timeout_secs must be a positive number of seconds".into()));
            }
            s.timeout = Duration::from_secs_f64(secs);
        }
        if let Some(secs) = f.max_wait_secs {
            if !(secs > 0.0 && secs.is_finite()) {
                return Err(TranslateError::Config("max_wait_secs must be a positive number of seconds".into()));
            }
            s.max_wait = Duration::from_secs_f64(secs);
        }
        if let Some(retries) = f.retries {
            s.retries = retries;
        }
        if let Some(n) = f.batch_size {
            if n == 0 {
                return Err(TranslateError::Config("batch_size must be at least 1".into()));
            }
            s.batch_size = Some(n);
        }
        if let Some(template) = f.prompt_template {
            let path = if template.is_absolute() { template } else { base_dir.join(template) };
            let text = std::fs::read_to_string(&path).map_err(|e| TranslateError::ConfigFile {
                path: path.clone(),
                message: format!("cannot read the prompt template: {e}"),
            })?;
            s.prompt_template = Some(text);
        }
        if let Some(cache) = f.cache {
            s.cache_path = cache;
        }
        s.use_cache = !flags.no_cache;
        s.retranslate = flags.retranslate.iter().map(|id| id.trim().to_string()).filter(|id| !id.is_empty()).collect();
        s.dry_run = flags.dry_run;
        Ok(Some(s))
    }

    /// The base URL requests go to.
    pub(crate) fn endpoint_for(&self, key: Option<&str>) -> String {
        if let Some(endpoint) = &self.endpoint {
            return endpoint.clone();
        }
        if self.provider == ProviderKind::DeepL && key.is_some_and(|k| k.ends_with(":fx")) {
            return "https://api-free.deepl.com".to_string();
        }
        self.provider.default_endpoint().to_string()
    }

    /// Paragraphs per request: the configured size, at most the provider's limit.
    pub(crate) fn batch_limit(&self) -> usize {
        let max = self.provider.max_batch();
        self.batch_size.map_or(max, |n| n.min(max)).max(1)
    }
}

fn read_file(path: &Path) -> Result<FileSettings, TranslateError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| TranslateError::ConfigFile { path: path.to_path_buf(), message: e.to_string() })?;
    let config: FileConfig = toml::from_str(&text).map_err(|e| TranslateError::ConfigFile {
        path: path.to_path_buf(),
        message: format!("{}; see the [translate] table in the README", e.message()),
    })?;
    Ok(config.translate.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_provider_means_no_translation() {
        let flags = Flags { config: Some(PathBuf::from("/nonexistent/duizhao.toml")), ..Flags::default() };
        assert!(Settings::resolve(&flags).is_err());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("duizhao.toml");
        std::fs::write(&path, "# nothing\n").unwrap();
        let flags = Flags { config: Some(path.clone()), ..Flags::default() };
        assert!(Settings::resolve(&flags).unwrap().is_none());
        let flags = Flags { config: Some(path), dry_run: true, ..Flags::default() };
        assert!(Settings::resolve(&flags).unwrap_err().to_string().contains("--dry-run"));
    }

    #[test]
    fn file_and_flags() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("duizhao.toml");
        std::fs::write(dir.path().join("prompt.txt"), "Translate into {language}.").unwrap();
        std::fs::write(
            &path,
            "[translate]\nprovider = \"deepl\"\nmodel = \"m\"\nconcurrency = 8\nrequests_per_minute = 0\n\
             batch_size = 500\nprompt_template = \"prompt.txt\"\napi_key_env = \"MY_KEY\"\ntimeout_secs = 2.5\n\
             max_wait_secs = 90\nsource = \"zh-TW\"\n",
        )
        .unwrap();
        let flags = Flags { config: Some(path.clone()), model: Some("flag-model".into()), ..Flags::default() };
        let s = Settings::resolve(&flags).unwrap().unwrap();
        assert_eq!(s.provider, ProviderKind::DeepL);
        assert_eq!(s.model.as_deref(), Some("flag-model"));
        assert_eq!(s.concurrency, 8);
        assert_eq!(s.batch_limit(), 50);
        assert_eq!(s.api_key_env, "MY_KEY");
        assert_eq!(s.timeout, Duration::from_millis(2500));
        assert_eq!(s.max_wait, Duration::from_secs(90));
        assert_eq!(s.source.as_deref(), Some("zh-TW"));
        assert_eq!(s.prompt_template.as_deref(), Some("Translate into {language}."));
        assert_eq!(s.endpoint_for(Some("abc:fx")), "https://api-free.deepl.com");
        assert_eq!(s.endpoint_for(Some("abc")), "https://api.deepl.com");
        std::fs::write(&path, "[translate]\nprovider = \"babel\"\n").unwrap();
        let flags = Flags { config: Some(path.clone()), ..Flags::default() };
        assert!(Settings::resolve(&flags).unwrap_err().to_string().contains("unknown provider"));
        std::fs::write(&path, "[translate]\nprovder = \"openai\"\n").unwrap();
        assert!(Settings::resolve(&flags).unwrap_err().to_string().contains("provder"));
    }
}
