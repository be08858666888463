//! `reports serve`: the collector at `POST /reports` and the dashboard at `/`, on one
//! listener, from one store.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::Request;
use http_body::Body;
use secure_headers_dashboard::{Access, Dashboard, DashboardService};
use secure_headers_reports::StoreWriter;
use secure_headers_reports::serve::{ReportService, ServeOptions, serve_with};
use tower_service::Service;

use crate::Fatal;
use crate::style::outln;

/// The limits and access rules of `reports serve`.
pub(crate) struct Options {
    pub(crate) body_deadline: u64,
    pub(crate) max_connections: usize,
    pub(crate) token: Option<String>,
}

/// One connection's routes: `/reports` to the collector, everything else to the
/// dashboard, which learns the peer's address (its access rules depend on it).
#[derive(Clone)]
struct Mount {
    reports: ReportService,
    dashboard: DashboardService,
    peer: SocketAddr,
}

type Answer<B> = <ReportService as Service<Request<B>>>::Response;

impl<B> Service<Request<B>> for Mount
where
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Answer<B>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Answer<B>, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // Both services are always ready.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut req: Request<B>) -> Self::Future {
        if req.uri().path() == "/reports" {
            Box::pin(self.reports.call(req))
        } else {
            req.extensions_mut().insert(self.peer);
            Box::pin(self.dashboard.call(req))
        }
    }
}

/// Who may see the dashboard: with a token, whoever presents it; without one, loopback
/// peers only (to every other peer only `/reports` is there).
fn access(token: Option<&str>) -> Result<Access, Fatal> {
    token.map_or_else(
        || Ok(Access::loopback_only()),
        |t| Access::token(t).map_err(|e| Fatal(e.to_string())),
    )
}

pub(crate) fn serve(db: &str, listen: &str, o: &Options) -> Result<ExitCode, Fatal> {
    let access = access(o.token.as_deref())?;
    let store = Arc::new(super::open(db)?);
    let mut options = ServeOptions::default();
    options.body_deadline = Duration::from_secs(o.body_deadline.max(1));
    options.max_connections = o.max_connections;
    let writer = Arc::new(StoreWriter::spawn(Arc::clone(&store), options.queue));
    let dashboard = Dashboard::new(store, access.clone()).service();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Fatal(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| Fatal(format!("cannot listen on `{listen}`: {e}")))?;
        let addr = listener.local_addr()?;
        // One line: whoever reads it (a test, a supervisor) may close the pipe after it.
        let who = if access.has_token() {
            "with the token"
        } else {
            "to loopback peers only: give --token to show it to others"
        };
        outln!("collecting reports at http://{addr}/reports into {db}; dashboard at http://{addr}/ ({who})");
        let reports = ReportService::new(writer, &options);
        let make = move |peer: SocketAddr| Mount {
            reports: reports.for_client(peer.ip()),
            dashboard: dashboard.clone(),
            peer,
        };
        serve_with(listener, make, &options)
            .await
            .map_err(|e| Fatal(format!("serving `{listen}`: {e}")))
    })?;
    Ok(ExitCode::SUCCESS)
}
