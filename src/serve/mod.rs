//! `duizhao serve`: a local web server where a reviewer reads an article beside its English
//! and corrects the English in place. Every save goes through the round trip of reviewed
//! translations (see [`library`]); the page and scripts use the same HTTP API:
//!
//! - `GET /api/articles`: the index, an entry per article with its counts;
//! - `GET /api/articles/<slug>`: the JSON schema v1 document with a `version` and `counts`
//!   (the index's, from the same function: `counts` in `library.rs`), each paragraph with
//!   its `version`, `reviewed` and QA `findings` (the aligner's note among them);
//! - `GET /api/articles/<slug>/version`: `{"version": "..."}` alone, which a page asks every
//!   few seconds to learn that someone else changed the article;
//! - `PUT /api/articles/<slug>/paragraphs/<id>` with `{"en": "...", "version": "..."}`: saves
//!   any row's English, English with no Chinese partner (`p3-en1`) too. Empty English is a
//!   decision: no translation for a paragraph with Chinese, the row deleted for English with
//!   no Chinese partner (answered `{"id", "removed": true}`);
//! - `POST /api/articles/<slug>/paragraphs/<id>/move` with `{"to": "previous" | "next",
//!   "version": "..."}`: moves the English of a row with no Chinese partner to the end of the
//!   previous paragraph's English, or the start of the next one's; the row goes;
//! - `DELETE /api/articles/<slug>/paragraphs/<id>` (optionally `?version=...`): drops the
//!   row's review, bringing back the English before it (a removed row comes back).
//!
//! An edit is answered with the row's new state and the article's new `version` and `counts`
//! (`article`), `409` with the current state when `version` is stale, `404` for no such row,
//! `422` for an edit the row cannot take (a move with no neighbour). Every reply of an edit
//! comes after the reviewed file is on disk and the article rebuilt, so its QA findings and
//! alignment notes are the new English's.
//!
//! It listens on 127.0.0.1 unless told otherwise, and every request must carry the token
//! printed at start ([`security`]).

mod library;
mod page;
pub mod security;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{Value, json};

pub use library::Library;
pub(crate) use library::{Neighbour, Saved};

use crate::error::{Error, Result};

/// The largest request body read: an edit is a paragraph's English.
pub(crate) const MAX_BODY: usize = 1 << 20;

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on (port 0: any free port).
    pub bind: SocketAddr,
    /// The token requests must carry; a random one when `None`.
    pub token: Option<String>,
    /// The folder the articles' outputs are written to (and served from, under `/output/`).
    pub out_dir: PathBuf,
}

/// What every request handler sees.
struct State {
    library: Library,
    token: String,
    bound: SocketAddr,
    out_dir: PathBuf,
}

/// Serves `library` until the process is stopped; `started` hears the URL to open (with its
/// token) once the server listens.
pub fn serve(library: Library, options: ServeOptions, started: impl FnOnce(&str)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("<tokio runtime>", e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|e| Error::io(format!("{} (the address to serve on)", options.bind), e))?;
        let bound = listener.local_addr().map_err(|e| Error::io(options.bind.to_string(), e))?;
        let token = options.token.unwrap_or_else(security::new_token);
        let host = if bound.ip().is_unspecified() || bound.ip().is_loopback() {
            format!("127.0.0.1:{}", bound.port())
        } else {
            bound.to_string()
        };
        started(&format!("http://{host}/?token={token}"));
        let state = Arc::new(State { library, token, bound, out_dir: options.out_dir });
        loop {
            let Ok((stream, _)) = listener.accept().await else { continue };
            let state = Arc::clone(&state);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| handle(Arc::clone(&state), request));
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
            });
        }
    })
}

type Reply = Response<Full<Bytes>>;

async fn handle(state: Arc<State>, request: Request<Incoming>) -> std::result::Result<Reply, Infallible> {
    // Another site's page cannot speak to this server: not through a name that resolves here
    // (its Host is not ours), not from its own origin (its Origin is not ours).
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !security::allowed_host(host, &state.bound) {
        return Ok(error(StatusCode::FORBIDDEN, "this server answers only to 127.0.0.1 and localhost"));
    }
    if let Some(origin) = request.headers().get(header::ORIGIN)
        && !origin.to_str().is_ok_and(|o| security::allowed_origin(o, &state.bound))
    {
        return Ok(error(StatusCode::FORBIDDEN, "requests from other web sites are refused"));
    }
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or("").to_string();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let method = request.method().clone();
    if segments.first() == Some(&"api") {
        let query = query.clone();
        if !api_allowed(&state, &request, &query) {
            return Ok(error(
                StatusCode::UNAUTHORIZED,
                "the token is missing or wrong: use the URL duizhao serve printed",
            ));
        }
        return Ok(api(&state, method, &segments[1..], &query, request).await);
    }
    let Some(set_cookie) = page_allowed(&state, &request, &query) else {
        return Ok(error(
            StatusCode::UNAUTHORIZED,
            "the token is missing or wrong: open the URL duizhao serve printed",
        ));
    };
    if method != Method::GET {
        return Ok(error(StatusCode::METHOD_NOT_ALLOWED, "pages are read with GET"));
    }
    let mut reply = match segments.as_slice() {
        [""] => html(page::index(&state.library.summaries())),
        ["articles", slug] => match security::percent_decode(slug)
            .and_then(|slug| state.library.with_document(&slug, |doc| page::article(doc, &slug, &state.token)))
        {
            Some(body) => html(body),
            None => error(StatusCode::NOT_FOUND, "no such article"),
        },
        ["output", ..] => output_file(&state, &path["/output/".len().min(path.len())..]),
        _ => error(StatusCode::NOT_FOUND, "no such page"),
    };
    if set_cookie {
        let cookie = format!("duizhao_token={}; HttpOnly; SameSite=Strict; Path=/", state.token);
        reply.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("a token is ASCII"));
    }
    Ok(reply)
}

/// An API call carries the token as `?token=` or `Authorization: Bearer`: never a cookie,
/// which a browser would add to another site's requests.
fn api_allowed(state: &State, request: &Request<Incoming>, query: &str) -> bool {
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim);
    bearer.or_else(|| query_token(query)).is_some_and(|t| security::same_token(t, &state.token))
}

/// A page is opened with `?token=` (then a cookie keeps it for the next pages: `Some(true)`)
/// or with that cookie (`Some(false)`); `None` without either.
fn page_allowed(state: &State, request: &Request<Incoming>, query: &str) -> Option<bool> {
    if query_token(query).is_some_and(|t| security::same_token(t, &state.token)) {
        return Some(true);
    }
    let cookies = request.headers().get_all(header::COOKIE);
    let has_cookie = cookies
        .iter()
        .filter_map(|c| c.to_str().ok())
        .flat_map(|c| c.split(';'))
        .any(|c| c.trim().strip_prefix("duizhao_token=").is_some_and(|t| security::same_token(t, &state.token)));
    has_cookie.then_some(false)
}

fn query_token(query: &str) -> Option<&str> {
    query.split('&').find_map(|pair| pair.strip_prefix("token="))
}

async fn api(state: &Arc<State>, method: Method, segments: &[&str], query: &str, request: Request<Incoming>) -> Reply {
    let decoded: Option<Vec<String>> = segments.iter().map(|s| security::percent_decode(s)).collect();
    let Some(decoded) = decoded else {
        return error(StatusCode::BAD_REQUEST, "malformed percent-encoding in the path");
    };
    let parts: Vec<&str> = decoded.iter().map(String::as_str).collect();
    match (method, parts.as_slice()) {
        (Method::GET, ["articles"]) => json_reply(StatusCode::OK, &json!({ "articles": state.library.summaries() })),
        (Method::GET, ["articles", slug]) => match state.library.document(slug) {
            Some(doc) => json_reply(StatusCode::OK, &doc),
            None => error(StatusCode::NOT_FOUND, "no such article"),
        },
        (Method::GET, ["articles", slug, "version"]) => match state.library.version(slug) {
            Some(version) => json_reply(StatusCode::OK, &json!({ "version": version })),
            None => error(StatusCode::NOT_FOUND, "no such article"),
        },
        (Method::PUT, ["articles", slug, "paragraphs", id]) => {
            let body = match read_body(request).await {
                Ok(body) => body,
                Err(reply) => return reply,
            };
            let (Some(en), Some(version)) = (text_field(&body, "en"), text_field(&body, "version")) else {
                return error(StatusCode::BAD_REQUEST, "the body must be {\"en\": \"...\", \"version\": \"...\"}");
            };
            let (slug, id) = (slug.to_string(), id.to_string());
            edit(state, move |library| library.save(&slug, &id, &en, &version)).await
        }
        (Method::POST, ["articles", slug, "paragraphs", id, "move"]) => {
            let body = match read_body(request).await {
                Ok(body) => body,
                Err(reply) => return reply,
            };
            let neighbour = match text_field(&body, "to").as_deref() {
                Some("previous") => Neighbour::Previous,
                Some("next") => Neighbour::Next,
                _ => return error(StatusCode::BAD_REQUEST, "\"to\" must be \"previous\" or \"next\""),
            };
            let Some(version) = text_field(&body, "version") else {
                return error(StatusCode::BAD_REQUEST, "the body must give the row's \"version\"");
            };
            let (slug, id) = (slug.to_string(), id.to_string());
            edit(state, move |library| library.move_english(&slug, &id, neighbour, &version)).await
        }
        (Method::DELETE, ["articles", slug, "paragraphs", id]) => {
            let version = query.split('&').find_map(|pair| pair.strip_prefix("version=")).map(str::to_string);
            let (slug, id) = (slug.to_string(), id.to_string());
            edit(state, move |library| library.drop_review(&slug, &id, version.as_deref())).await
        }
        (_, ["articles", _, "paragraphs", _, "move"]) => {
            error(StatusCode::METHOD_NOT_ALLOWED, "use POST to move a row's English into a neighbour")
        }
        (_, ["articles"] | ["articles", _] | ["articles", _, "version"] | ["articles", _, "paragraphs", _]) => error(
            StatusCode::METHOD_NOT_ALLOWED,
            "use GET to read, PUT to save and DELETE to undo a paragraph's review",
        ),
        _ => error(StatusCode::NOT_FOUND, "no such API path"),
    }
}

/// Runs an edit of the library and answers it. Saving writes files and rebuilds outputs: off
/// the threads that serve requests.
async fn edit(state: &Arc<State>, f: impl FnOnce(&Library) -> Result<Saved> + Send + 'static) -> Reply {
    let state = Arc::clone(state);
    match tokio::task::spawn_blocking(move || f(&state.library)).await {
        Ok(Ok(Saved::Done(row))) => json_reply(StatusCode::OK, &row),
        Ok(Ok(Saved::Stale(current))) => json_reply(
            StatusCode::CONFLICT,
            &json!({ "error": "the paragraph changed since this version: here is its current text", "current": current }),
        ),
        Ok(Ok(Saved::NotFound)) => error(StatusCode::NOT_FOUND, "no such article or paragraph"),
        Ok(Ok(Saved::Refused(why))) => error(StatusCode::UNPROCESSABLE_ENTITY, &why),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, &format!("not saved: {e}")),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &format!("not saved: {e}")),
    }
}

/// A request's JSON body, or the reply refusing it.
async fn read_body(request: Request<Incoming>) -> std::result::Result<Value, Reply> {
    let too_large = || error(StatusCode::PAYLOAD_TOO_LARGE, &format!("the body is over {} bytes", MAX_BODY));
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY) {
        return Err(too_large());
    }
    let body = Limited::new(request.into_body(), MAX_BODY).collect().await.map_err(|_| too_large())?.to_bytes();
    serde_json::from_slice(&body)
        .map_err(|e| error(StatusCode::BAD_REQUEST, &format!("the body is not valid JSON: {e}")))
}

/// A text field of a JSON body.
fn text_field(body: &Value, name: &str) -> Option<String> {
    body.get(name).and_then(Value::as_str).map(str::to_string)
}

/// A file of the output folder, when the path stays inside it.
fn output_file(state: &State, raw: &str) -> Reply {
    let Some(path) = security::contained(&state.out_dir, raw) else {
        return error(StatusCode::NOT_FOUND, "no such file in the output folder");
    };
    let Ok(bytes) = std::fs::read(&path) else { return error(StatusCode::NOT_FOUND, "no such file") };
    let kind = match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "md" | "txt" => "text/plain; charset=utf-8",
        "epub" => "application/epub+zip",
        "tmx" | "xlf" => "application/xml; charset=utf-8",
        _ => "application/octet-stream",
    };
    respond(StatusCode::OK, kind, Bytes::from(bytes))
}

fn respond(status: StatusCode, kind: &'static str, body: Bytes) -> Reply {
    let mut reply = Response::new(Full::new(body));
    *reply.status_mut() = status;
    let headers = reply.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // The token is in the page's URL: no link may carry it away in a Referer.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; \
             img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
    );
    reply
}

fn html(body: String) -> Reply {
    respond(StatusCode::OK, "text/html; charset=utf-8", Bytes::from(body))
}

fn json_reply(status: StatusCode, value: &Value) -> Reply {
    let body = serde_json::to_vec(value).expect("JSON values serialise");
    respond(status, "application/json; charset=utf-8", Bytes::from(body))
}

fn error(status: StatusCode, message: &str) -> Reply {
    json_reply(status, &json!({ "error": message }))
}
