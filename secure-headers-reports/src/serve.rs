//! `POST /reports` as a tower `Service`, and a hyper server that bounds slow clients
//! (feature `serve`).
//!
//! [`ReportService`] answers `POST` and `OPTIONS` at `/reports` with the
//! [`ReportCollector`]'s rules (body limit, content types, CORS), reads the body within a
//! deadline (`408` after it), and queues the reports for a [`StoreWriter`] with the
//! client's address (kept only as a salted hash in a sketch). A full queue answers `503`,
//! so that nothing answered `2xx` is lost. Other paths answer `404`: put it next to other
//! routes (the dashboard's page at `/`) by path. [`serve`] runs it with a bound on how
//! many connections are held at once and on how long request headers may take.

use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http_body_util::{BodyExt as _, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use secure_headers::report::{Admission, ParseError, ReportCollector, parse};

use crate::writer::StoreWriter;

/// Limits of the standalone collector.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServeOptions {
    /// How long a request's headers, then its body, may take to arrive (default 10 s).
    pub body_deadline: Duration,
    /// Connections held at once; more wait to be accepted (default 256).
    pub max_connections: usize,
    /// Reports queued for the writer (default 65,536).
    pub queue: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            body_deadline: Duration::from_secs(10),
            max_connections: 256,
            queue: 65_536,
        }
    }
}

/// `POST /reports` (and its CORS preflight) into a store. Cheap to clone.
#[derive(Clone, Debug)]
pub struct ReportService {
    collector: ReportCollector,
    writer: Arc<StoreWriter>,
    deadline: Duration,
    client: Option<IpAddr>,
}

impl ReportService {
    /// A service with the collector's default limits and CORS, writing through `writer`.
    #[must_use]
    pub fn new(writer: Arc<StoreWriter>, options: &ServeOptions) -> Self {
        Self {
            collector: ReportCollector::new(|_| {}),
            writer,
            deadline: options.body_deadline,
            client: None,
        }
    }

    /// The same service for one connection from `client`.
    #[must_use]
    pub fn for_client(&self, client: IpAddr) -> Self {
        Self {
            client: Some(client),
            ..self.clone()
        }
    }

    fn respond(&self, status: StatusCode) -> Response<Full<Bytes>> {
        let mut r = Response::new(Full::new(Bytes::new()));
        *r.status_mut() = status;
        for (n, v) in self.collector.response_headers() {
            r.headers_mut().insert(n, v);
        }
        r
    }

    async fn handle<B>(self, req: Request<B>) -> Response<Full<Bytes>>
    where
        B: hyper::body::Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        if req.uri().path() != "/reports" {
            return self.respond(StatusCode::NOT_FOUND);
        }
        let (content_type, length) = {
            let get = |n| req.headers().get(n).and_then(|v| v.to_str().ok());
            (
                get(hyper::header::CONTENT_TYPE).map(str::to_owned),
                get(hyper::header::CONTENT_LENGTH).and_then(|v| v.parse::<u64>().ok()),
            )
        };
        match self
            .collector
            .admit(req.method(), content_type.as_deref(), length)
        {
            Admission::ReadBody => {}
            Admission::Respond(status) => return self.respond(status),
            _ => return self.respond(StatusCode::BAD_REQUEST),
        }
        let body = Limited::new(req.into_body(), self.collector.body_limit());
        let body = match tokio::time::timeout(self.deadline, body.collect()).await {
            Err(_) => return self.respond(StatusCode::REQUEST_TIMEOUT),
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
                return self.respond(self.collector.too_large());
            }
            Ok(Err(_)) => return self.respond(self.collector.unreadable()),
            Ok(Ok(b)) => b.to_bytes(),
        };
        match parse(content_type.as_deref(), &body) {
            Ok(reports) => {
                for r in reports {
                    if !self.writer.send(r, self.client) {
                        return self.respond(StatusCode::SERVICE_UNAVAILABLE);
                    }
                }
                self.respond(StatusCode::NO_CONTENT)
            }
            Err(ParseError::UnsupportedMediaType) => {
                self.respond(StatusCode::UNSUPPORTED_MEDIA_TYPE)
            }
            Err(_) => self.respond(StatusCode::BAD_REQUEST),
        }
    }
}

impl<B> tower_service::Service<Request<B>> for ReportService
where
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move { Ok(this.handle(req).await) })
    }
}

/// Serves `service` on `listener` until the listener fails: HTTP/1.1, at most
/// `options.max_connections` connections held at once, request headers within
/// `options.body_deadline`.
///
/// # Errors
///
/// The listener's error.
pub async fn serve(
    listener: tokio::net::TcpListener,
    service: ReportService,
    options: &ServeOptions,
) -> std::io::Result<()> {
    serve_with(listener, move |peer| service.for_client(peer.ip()), options).await
}

/// Serves the service `make` returns for each connection's peer on `listener`, with the
/// bounds of [`serve`]: so that `POST /reports` can share its listener with other routes
/// (`secure-headers reports serve` puts the dashboard at `/`, routing by path to a
/// [`ReportService::for_client`]).
///
/// ```no_run
/// use std::sync::Arc;
/// use secure_headers_reports::serve::{ReportService, ServeOptions, serve_with};
/// use secure_headers_reports::{Store, StoreWriter};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let options = ServeOptions::default();
/// let store = Arc::new(Store::open("reports.db")?);
/// let reports = ReportService::new(Arc::new(StoreWriter::spawn(store, options.queue)), &options);
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// serve_with(listener, move |peer| reports.for_client(peer.ip()), &options).await?;
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// The listener's error.
pub async fn serve_with<S, F>(
    listener: tokio::net::TcpListener,
    make: F,
    options: &ServeOptions,
) -> std::io::Result<()>
where
    F: Fn(SocketAddr) -> S,
    S: tower_service::Service<
            Request<Incoming>,
            Response = Response<Full<Bytes>>,
            Error = Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    let permits = Arc::new(tokio::sync::Semaphore::new(options.max_connections.max(1)));
    loop {
        let Ok(permit) = permits.clone().acquire_owned().await else {
            return Ok(());
        };
        let (stream, peer): (_, SocketAddr) = listener.accept().await?;
        let svc = make(peer);
        let deadline = options.body_deadline;
        tokio::spawn(async move {
            let io = hyper_util::rt::TokioIo::new(stream);
            let hyper_svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                let mut svc = svc.clone();
                async move {
                    std::future::poll_fn(|cx| svc.poll_ready(cx)).await?;
                    svc.call(req).await
                }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(deadline)
                .serve_connection(io, hyper_svc);
            let _ = conn.await;
            drop(permit);
        });
    }
}
