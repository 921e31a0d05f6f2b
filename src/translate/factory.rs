//! The provider a [`Settings`] names, built with its endpoint, model and target language.

use std::sync::Arc;

use super::Provider;
use super::ProviderKind;
use super::config::Settings;
use super::deepl::DeepL;
use super::google::Google;
use super::http::Http;
use super::libretranslate::LibreTranslate;
use super::openai::OpenAi;

/// The provider for `settings`, sending through `http` to `endpoint`.
pub(crate) fn provider(settings: &Settings, http: Http, endpoint: &str) -> Arc<dyn Provider> {
    let endpoint = endpoint.to_string();
    match settings.provider {
        ProviderKind::OpenAi => {
            let kind = settings.provider;
            let model = settings.model.clone().or(kind.default_model().map(str::to_string)).unwrap_or_default();
            let template = settings.prompt_template.clone();
            Arc::new(OpenAi::new(http, endpoint, model, settings.target.clone(), template))
        }
        ProviderKind::DeepL => {
            Arc::new(DeepL::new(http, endpoint, settings.model.clone(), settings.source.clone(), &settings.target))
        }
        ProviderKind::LibreTranslate => {
            Arc::new(LibreTranslate::new(http, endpoint, settings.source.clone(), &settings.target))
        }
        ProviderKind::Google => {
            Arc::new(Google::new(http, endpoint, settings.model.clone(), settings.source.clone(), &settings.target))
        }
    }
}
