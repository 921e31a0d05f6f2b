//! The [`Translator`]: cache first, then batches sent concurrently under the rate budget, with
//! retries, splitting of batches whose reply has the wrong number of segments, and every
//! paragraph either translated or marked with the reason it is not.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;

use super::TranslateError;
use super::cache::{Cache, CacheKey};
use super::config::Settings;
use super::factory;
use super::http::Http;
use super::openai::OpenAi;
use super::progress::Progress;
use super::rate::RateLimiter;
use super::{ApiKey, BoxFuture, CallError, PROMPT_VERSION, Provider, ProviderKind, Request, Segment, Term};
use crate::document::{Document, Paragraph, Provenance, TranslationInfo};
use crate::retry::RetryPolicy;

/// What translating one document did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// The provider (and model), as shown in the document's provenance.
    pub provider: String,
    /// Paragraphs that needed English.
    pub paragraphs: usize,
    /// Paragraphs translated by a request in this run.
    pub translated: usize,
    /// Paragraphs answered from the cache.
    pub cached: usize,
    /// Paragraphs left untranslated (each has its reason in `error`).
    pub failed: usize,
    /// Requests sent (for a dry run: that would be sent).
    pub requests: usize,
    /// Source characters sent (for a dry run: that would be sent).
    pub characters: usize,
    /// Whether nothing was sent because this was a dry run.
    pub dry_run: bool,
    /// Why the run stopped early (key refused, quota used up, cache unwritable).
    pub stopped: Option<String>,
    /// The service could not be used at all (its preflight failed): nothing was sent, and the
    /// document is better not written half translated. `stopped` says why.
    pub unavailable: bool,
    /// Other things to tell the user (the title could not be translated, unknown ids...).
    pub notes: Vec<String>,
}

impl Outcome {
    /// Adds the outcome of another document of the same run (a book's next chapter).
    pub(crate) fn absorb(&mut self, other: Outcome) {
        self.paragraphs += other.paragraphs;
        self.translated += other.translated;
        self.cached += other.cached;
        self.failed += other.failed;
        self.requests += other.requests;
        self.characters += other.characters;
        self.dry_run |= other.dry_run;
        self.stopped = self.stopped.take().or(other.stopped);
        self.unavailable |= other.unavailable;
        self.notes.extend(other.notes);
    }

    /// True when every paragraph that needed English got it and the run was not stopped.
    pub fn is_complete(&self) -> bool {
        self.failed == 0 && self.stopped.is_none()
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dry_run {
            return write!(
                f,
                "dry run: {} would send {} request{} with {} characters for {} of {} paragraphs ({} cached); \
                 nothing was sent",
                self.provider,
                self.requests,
                if self.requests == 1 { "" } else { "s" },
                self.characters,
                self.paragraphs - self.cached,
                self.paragraphs,
                self.cached
            );
        }
        write!(
            f,
            "translation by {}: {} of {} paragraphs translated, {} from cache, {} failed ({} request{}, {} characters)",
            self.provider,
            self.translated,
            self.paragraphs,
            self.cached,
            self.failed,
            self.requests,
            if self.requests == 1 { "" } else { "s" },
            self.characters
        )
    }
}

/// Where an answer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Paragraph(usize),
    Title,
}

#[derive(Debug, Clone)]
struct Job {
    slot: Slot,
    segment: Segment,
    key: CacheKey,
}

/// Translates documents through one configured provider.
pub struct Translator {
    settings: Settings,
    provider: Arc<dyn Provider>,
    endpoint: String,
    prompt_version: String,
    cache: Option<Arc<Mutex<Cache>>>,
    runtime: tokio::runtime::Runtime,
    progress: Option<Arc<dyn Progress>>,
    /// The preflight's verdict, once a request was needed: a run whose every paragraph is
    /// cached never asks, so it works with the service down.
    ready: Mutex<Option<Result<(), String>>>,
}

impl fmt::Debug for Translator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translator")
            .field("provider", &self.settings.provider)
            .field("endpoint", &self.endpoint)
            .field("model", &self.provider.model())
            .field("cache", &self.cache.as_ref().map(|_| &self.settings.cache_path))
            .finish_non_exhaustive()
    }
}

impl Translator {
    /// A translator for `settings`: reads the key from its environment variable (an error when
    /// the provider needs one, except for a dry run), opens the cache and the HTTP client. Sends
    /// nothing; call [`Translator::preflight`] before the work starts.
    pub fn new(settings: Settings) -> Result<Translator, TranslateError> {
        let key = ApiKey::from_env(&settings.api_key_env);
        Translator::with_key(settings, key)
    }

    /// Like [`Translator::new`], with the key given by the caller instead of read from the
    /// environment (for programs that keep their secrets elsewhere).
    pub fn with_key(settings: Settings, key: Option<ApiKey>) -> Result<Translator, TranslateError> {
        let kind = settings.provider;
        if key.is_none() && kind.key_required() && !settings.dry_run {
            return Err(TranslateError::MissingKey { provider: kind, var: settings.api_key_env.clone() });
        }
        let endpoint = settings.endpoint_for(key.as_ref().map(ApiKey::expose));
        let described = format!(
            "translation: provider {kind}, endpoint {endpoint}, model {}, key ${} {}, cache {}",
            settings.model.as_deref().or(kind.default_model()).unwrap_or("(none)"),
            settings.api_key_env,
            if key.is_some() { "set" } else { "not set" },
            if settings.use_cache { settings.cache_path.display().to_string() } else { "off".to_string() }
        );
        crate::verbose!("{}", key.as_ref().map_or(described.clone(), |k| k.redact(&described)));
        let http = Http::new(kind, key, &settings.api_key_env, settings.timeout)?;
        let provider = factory::provider(&settings, http, &endpoint);
        let prompt_version = match kind {
            ProviderKind::OpenAi => OpenAi::prompt_version(settings.prompt_template.as_deref()),
            _ => PROMPT_VERSION.to_string(),
        };
        let cache =
            if settings.use_cache { Some(Arc::new(Mutex::new(Cache::open(&settings.cache_path)?))) } else { None };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| TranslateError::Client(e.to_string()))?;
        Ok(Translator {
            settings,
            provider,
            endpoint,
            prompt_version,
            cache,
            runtime,
            progress: None,
            ready: Mutex::new(None),
        })
    }

    /// The same translator, telling `progress` how each run goes.
    pub fn with_progress(mut self, progress: Arc<dyn Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The base URL requests go to.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The provider and model, as the documents' provenance shows them: `openai (gpt-4o-mini)`.
    pub fn label(&self) -> String {
        match self.provider.model().filter(|m| !m.is_empty()) {
            Some(model) => format!("{} ({model})", self.settings.provider),
            None => self.settings.provider.to_string(),
        }
    }

    /// The preflight's verdict: the one given already (by the run or by a call of
    /// [`Translator::preflight`]), else the preflight's now. Run before the first request.
    fn ready(&self) -> Result<(), String> {
        let known = self.ready.lock().expect("preflight lock").clone();
        known.unwrap_or_else(|| self.preflight().map_err(|e| e.to_string()))
    }

    /// One cheap request to check that the endpoint answers and accepts the key, so that a wrong
    /// setting is one clear error before any work. A dry run sends nothing and skips it. A run
    /// asks it by itself before its first request.
    pub fn preflight(&self) -> Result<(), TranslateError> {
        if self.settings.dry_run {
            return Ok(());
        }
        let verdict = self.check_service();
        *self.ready.lock().expect("preflight lock") = Some(verdict.as_ref().map(|_| ()).map_err(ToString::to_string));
        verdict
    }

    /// The preflight request itself.
    fn check_service(&self) -> Result<(), TranslateError> {
        self.runtime.block_on(self.provider.preflight()).map_err(|e| {
            let hint = match &e {
                CallError::Fatal { .. } => "",
                _ => "; check --endpoint (or endpoint in duizhao.toml) and that the server is running",
            };
            TranslateError::Preflight {
                provider: self.settings.provider,
                endpoint: self.endpoint.clone(),
                reason: format!("{}{hint}", e.reason()),
            }
        })
    }

    /// Releases what the run created on the service (DeepL glossaries). Call once at the end.
    pub fn finish(&self) {
        if !self.settings.dry_run {
            self.runtime.block_on(self.provider.finish());
        }
    }

    fn job(&self, slot: Slot, segment: Segment) -> Job {
        let key = CacheKey {
            provider: self.settings.provider.name().to_string(),
            model: self.provider.model().unwrap_or_default().to_string(),
            target: self.settings.target.clone(),
            prompt_version: self.prompt_version.clone(),
            terms: segment.terms.clone(),
            source: segment.text.clone(),
        };
        Job { slot, segment, key }
    }

    /// Fills the English of every paragraph of `doc` that has none (paragraphs paired with a
    /// given translation are left alone), and the English title when the document has none.
    /// Cached answers cost no request. A paragraph that cannot be translated keeps `en: None`
    /// and gets the reason in `error`; the others are kept. Sets `doc.meta.translation`.
    pub fn translate_document(&self, doc: &mut Document) -> Outcome {
        let mut outcome = Outcome { provider: self.label(), dry_run: self.settings.dry_run, ..Outcome::default() };
        for id in &self.settings.retranslate {
            if !doc.paragraphs.iter().any(|p| &p.id == id) {
                outcome.notes.push(format!("--retranslate {id}: this document has no such paragraph"));
            }
        }
        // What needs English, in document order (the title first).
        let mut jobs = Vec::new();
        let title = doc.meta.title.clone().filter(|t| !t.trim().is_empty());
        let needs_title = doc.meta.translation.as_ref().is_none_or(|t| t.title.is_none());
        if let Some(title) = title.as_ref().filter(|_| needs_title) {
            let segment =
                Segment { id: "title".into(), text: title.clone(), terms: title_terms(doc, title), previous: None };
            jobs.push(self.job(Slot::Title, segment));
        }
        let mut previous: Option<String> = None;
        for (i, p) in doc.paragraphs.iter().enumerate() {
            // A paragraph a reviewer left without English was decided on, not missed.
            if p.en.is_none() && !p.zh.trim().is_empty() && !p.is_reviewed() {
                let segment =
                    Segment { id: p.id.clone(), text: p.zh.clone(), terms: terms(p), previous: previous.clone() };
                jobs.push(self.job(Slot::Paragraph(i), segment));
                outcome.paragraphs += 1;
            }
            if !p.zh.trim().is_empty() {
                previous = Some(p.zh.clone());
            }
        }
        if jobs.is_empty() {
            return outcome;
        }
        // The cache.
        let mut answers: HashMap<Slot, Result<String, String>> = HashMap::new();
        // Paragraphs a person reviewed in a CAT tool: found before any provider's answer,
        // whatever the provider, and never sent again unless --retranslate names them.
        let mut reviewed: HashSet<Slot> = HashSet::new();
        let mut to_send = Vec::new();
        for job in jobs {
            let forced = matches!(job.slot, Slot::Paragraph(_)) && self.settings.retranslate.contains(&job.segment.id);
            let hit = match (&self.cache, forced) {
                (Some(cache), false) => {
                    let cache = cache.lock().expect("cache lock");
                    let found = match cache.reviewed(&job.segment.text, &self.settings.target) {
                        Ok(Some(english)) => {
                            reviewed.insert(job.slot);
                            Ok(Some(english))
                        }
                        _ => cache.get(&job.key),
                    };
                    match found {
                        Ok(hit) => hit,
                        Err(e) => {
                            outcome.notes.push(e.to_string());
                            None
                        }
                    }
                }
                _ => None,
            };
            match hit {
                Some(english) => {
                    if matches!(job.slot, Slot::Paragraph(_)) {
                        outcome.cached += 1;
                    }
                    answers.insert(job.slot, Ok(english));
                }
                None => to_send.push(job),
            }
        }
        let batches = self.batches(to_send);
        if self.settings.dry_run {
            outcome.requests = batches.len();
            outcome.characters = batches.iter().flatten().map(|j| j.segment.text.chars().count()).sum();
            return outcome;
        }
        if !batches.is_empty() {
            if let Err(reason) = self.ready() {
                outcome.stopped = Some(reason);
                outcome.unavailable = true;
                return outcome;
            }
            let run = self.run(batches, title.clone(), outcome.paragraphs, outcome.cached);
            outcome.requests = run.requests.load(Ordering::Relaxed);
            outcome.characters = run.characters.load(Ordering::Relaxed);
            outcome.stopped = run.stop.lock().expect("stop lock").clone();
            outcome.notes.extend(self.provider.take_notes());
            for (slot, answer) in run.results.lock().expect("results lock").drain() {
                if matches!(slot, Slot::Paragraph(_)) && answer.is_ok() {
                    outcome.translated += 1;
                }
                answers.insert(slot, answer);
            }
        }
        // Into the document.
        let mut english_title = None;
        for (slot, answer) in answers {
            match (slot, answer) {
                (Slot::Title, Ok(english)) => english_title = Some(english),
                (Slot::Title, Err(reason)) => outcome.notes.push(format!("the title was not translated: {reason}")),
                (Slot::Paragraph(i), Ok(english)) => {
                    let by = if reviewed.contains(&slot) { Provenance::Reviewed } else { Provenance::Machine };
                    doc.paragraphs[i].set_english(english, by);
                }
                (Slot::Paragraph(i), Err(reason)) => {
                    outcome.failed += 1;
                    let p = &mut doc.paragraphs[i];
                    p.en = None;
                    p.error = Some(reason);
                }
            }
        }
        if outcome.translated + outcome.cached > 0 || english_title.is_some() {
            let info = doc.meta.translation.get_or_insert_with(TranslationInfo::default);
            info.source = if info.source.is_empty() {
                outcome.provider.clone()
            } else {
                format!("{} + {}", info.source, outcome.provider)
            };
            if info.title.is_none() {
                info.title = english_title;
            }
            info.model = self.provider.model().map(str::to_string);
            info.prompt_version = Some(self.prompt_version.clone());
        }
        outcome
    }

    /// Consecutive jobs grouped into requests within the provider's count and size limits.
    fn batches(&self, jobs: Vec<Job>) -> Vec<Vec<Job>> {
        let limit = self.settings.batch_limit();
        let max_chars = self.settings.provider.max_batch_chars();
        let mut batches: Vec<Vec<Job>> = Vec::new();
        let mut chars = 0;
        for job in jobs {
            let n = job.segment.text.chars().count();
            match batches.last_mut() {
                Some(batch) if batch.len() < limit && chars + n <= max_chars => {
                    chars += n;
                    batch.push(job);
                }
                _ => {
                    chars = n;
                    batches.push(vec![job]);
                }
            }
        }
        batches
    }

    fn run(&self, batches: Vec<Vec<Job>>, title: Option<String>, paragraphs: usize, cached: usize) -> Arc<Run> {
        if let Some(progress) = &self.progress {
            progress.start(paragraphs, cached);
        }
        let run = Arc::new(Run {
            provider: self.provider.clone(),
            cache: self.cache.clone(),
            semaphore: Semaphore::new(self.settings.concurrency.max(1)),
            rate: RateLimiter::per_minute(self.settings.requests_per_minute),
            policy: RetryPolicy {
                retries: self.settings.retries,
                base: self.settings.backoff_base,
                max: self.settings.backoff_max,
            },
            window: RetryPolicy {
                retries: self.settings.retries,
                base: self.settings.rate_limit_base,
                max: self.settings.max_wait,
            },
            title,
            stop: Mutex::new(None),
            results: Mutex::new(HashMap::new()),
            requests: AtomicUsize::new(0),
            characters: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            progress: self.progress.clone(),
        });
        self.runtime.block_on(async {
            let mut tasks = tokio::task::JoinSet::new();
            for batch in batches {
                tasks.spawn(run_batch(run.clone(), batch));
            }
            while let Some(done) = tasks.join_next().await {
                if let Err(e) = done {
                    run.halt(format!("a translation task failed: {e}"));
                }
            }
        });
        if let Some(progress) = &run.progress {
            progress.finish();
        }
        run
    }
}

/// The state one run's tasks share.
struct Run {
    provider: Arc<dyn Provider>,
    cache: Option<Arc<Mutex<Cache>>>,
    semaphore: Semaphore,
    rate: RateLimiter,
    policy: RetryPolicy,
    /// Pauses after a rate limit that says nothing of when to come back.
    window: RetryPolicy,
    title: Option<String>,
    stop: Mutex<Option<String>>,
    results: Mutex<HashMap<Slot, Result<String, String>>>,
    requests: AtomicUsize,
    characters: AtomicUsize,
    failed: AtomicUsize,
    progress: Option<Arc<dyn Progress>>,
}

impl Run {
    fn stopped(&self) -> Option<String> {
        self.stop.lock().expect("stop lock").clone()
    }

    fn halt(&self, reason: String) {
        self.stop.lock().expect("stop lock").get_or_insert(reason);
    }

    /// Tells the progress sink that one more paragraph is done.
    fn advance(&self) {
        if let Some(progress) = &self.progress {
            progress.advance(self.failed.load(Ordering::Relaxed));
        }
    }

    /// Records a good answer, caching it at once so that a crash after this point loses nothing.
    fn succeed(&self, job: &Job, english: String) {
        if let Some(cache) = &self.cache
            && let Err(e) = cache.lock().expect("cache lock").put(&job.key, &english)
        {
            self.halt(e.to_string());
        }
        self.results.lock().expect("results lock").insert(job.slot, Ok(english));
        if matches!(job.slot, Slot::Paragraph(_)) {
            self.advance();
        }
    }

    fn fail(&self, jobs: &[Job], reason: &str) {
        let mut results = self.results.lock().expect("results lock");
        for job in jobs {
            results.insert(job.slot, Err(reason.to_string()));
            if matches!(job.slot, Slot::Paragraph(_)) {
                self.failed.fetch_add(1, Ordering::Relaxed);
                self.advance();
            }
        }
    }
}

/// Sends one batch until it succeeds, is split, or gives up; every job ends with an answer or a
/// reason.
fn run_batch(run: Arc<Run>, jobs: Vec<Job>) -> BoxFuture<'static, ()> {
    Box::pin(async move {
        let mut attempt = 0u32;
        loop {
            let result = {
                let Ok(_permit) = run.semaphore.acquire().await else {
                    run.fail(&jobs, "not sent: the run was shut down");
                    return;
                };
                if let Some(reason) = run.stopped() {
                    run.fail(&jobs, &format!("not sent: the run stopped ({reason})"));
                    return;
                }
                let request =
                    Request { segments: jobs.iter().map(|j| j.segment.clone()).collect(), title: run.title.clone() };
                run.rate.wait_for(run.provider.cost(&request)).await;
                run.requests.fetch_add(1, Ordering::Relaxed);
                run.characters
                    .fetch_add(request.segments.iter().map(|s| s.text.chars().count()).sum(), Ordering::Relaxed);
                run.provider.translate(&request).await
            };
            let (reason, retry_after, policy) = match result {
                Ok(texts) if texts.len() == jobs.len() => {
                    let mut empty = Vec::new();
                    for (job, text) in jobs.iter().zip(texts) {
                        let text = text.trim();
                        if text.is_empty() {
                            empty.push(job.clone());
                        } else {
                            run.succeed(job, text.to_string());
                        }
                    }
                    if empty.is_empty() {
                        return;
                    }
                    if jobs.len() > 1 {
                        // Each empty answer is asked for again on its own.
                        for job in empty {
                            run_batch(run.clone(), vec![job]).await;
                        }
                        return;
                    }
                    ("the provider returned an empty translation".to_string(), None, run.policy)
                }
                Ok(texts) => {
                    let reason = format!("the reply had {} translations for {} paragraphs", texts.len(), jobs.len());
                    if jobs.len() > 1 {
                        split(&run, jobs).await;
                        return;
                    }
                    (reason, None, run.policy)
                }
                Err(CallError::Fatal { reason }) => {
                    run.halt(reason.clone());
                    run.fail(&jobs, &reason);
                    return;
                }
                // A cut-off batch is split (shorter requests fit the limit); a single cut-off
                // paragraph fails, since the provider already asked for it with more room.
                Err(CallError::Rejected { reason } | CallError::Truncated { reason }) => {
                    if jobs.len() > 1 {
                        split(&run, jobs).await;
                    } else {
                        run.fail(&jobs, &reason);
                    }
                    return;
                }
                Err(CallError::Retry { reason, retry_after, rate_limited }) => {
                    // A rate limit that gives no Retry-After is usually a per-minute window (e.g.
                    // LibreTranslate's "Slowdown: N per 1 minute"): back off long enough to
                    // outlast it.
                    let window = rate_limited && retry_after.is_none();
                    (reason, retry_after, if window { run.window } else { run.policy })
                }
            };
            attempt += 1;
            if attempt > run.policy.retries {
                let tries = if attempt == 1 { "1 attempt".to_string() } else { format!("{attempt} attempts") };
                run.fail(&jobs, &format!("{reason} (gave up after {tries})"));
                return;
            }
            tokio::time::sleep(policy.delay(attempt, retry_after)).await;
        }
    })
}

/// Sends the two halves of a batch separately.
async fn split(run: &Arc<Run>, mut jobs: Vec<Job>) {
    let right = jobs.split_off(jobs.len() / 2);
    tokio::join!(run_batch(run.clone(), jobs), run_batch(run.clone(), right));
}

/// The glossary entries whose terms occur in a paragraph, in order, each once.
fn terms(p: &Paragraph) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    for token in &p.tokens {
        if let Some(g) = &token.glossary {
            let term = Term { zh: token.text.clone(), en: g.english.clone() };
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
    out
}

/// The glossary entries (as the paragraphs know them) whose terms occur in the title.
fn title_terms(doc: &Document, title: &str) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    for term in doc.paragraphs.iter().flat_map(terms) {
        if title.contains(&term.zh) && !out.contains(&term) {
            out.push(term);
        }
    }
    out
}
