//! Headless Chromium through chromedriver (WebDriver), for the browser tests of this crate
//! and of `secure-headers-dashboard` (which includes this file by its path).
//!
//! Needs `chromium` and `chromedriver` on the `PATH` (Debian: `apt-get install chromium
//! chromium-driver`). Without them a test prints why and passes, unless the `CI`
//! environment variable is set: there a missing browser is a failure.

#![allow(dead_code, unreachable_pub)]

use std::io::Write as _;
use std::net::{TcpListener as StdListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// The longest any single wait may take (a page, a script, a report).
pub const WAIT: Duration = Duration::from_secs(20);
/// The longest a whole test may take.
pub const TEST_LIMIT: Duration = Duration::from_secs(50);
/// How many times a browser is started before a test gives up on it.
const SESSION_ATTEMPTS: usize = 3;

// ---------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------

/// Finds `name` on the `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// chromedriver, started by the test in its own process group; dropping it ends the group
/// (chromedriver and the browser it started).
struct Driver {
    child: Child,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The group's id is chromedriver's pid (`process_group(0)` below).
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver session on a fresh headless Chromium with a fresh profile.
pub struct Browser {
    pub client: Client,
    // Dropped after `client`, in this order: the driver, then the profile directory.
    _driver: Driver,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver on a free port and opens a session; `None` (after saying why)
    /// when the browser is not installed and this is not CI.
    pub async fn start() -> Option<Self> {
        Self::start_with(&[]).await
    }

    /// [`start`](Self::start), with more command-line arguments for Chromium.
    pub async fn start_with(extra: &[String]) -> Option<Self> {
        let chromium = which("chromium").or_else(|| which("chromium-browser"));
        let chromedriver = which("chromedriver");
        let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) else {
            let msg = "browser tests need `chromium` and `chromedriver` on the PATH \
                       (Debian: apt-get install chromium chromium-driver)";
            assert!(!in_ci(), "{msg}; CI is set, so this is a failure");
            // Straight to stderr: the test harness would hide `eprintln!` of a passing test.
            let line = format!("SKIPPED (CI is not set): {msg}\n");
            let _ = std::io::stderr().lock().write_all(line.as_bytes());
            return None;
        };

        // Starting the browser is not what these tests test: a driver that dies or drops
        // the connection while the session is being made is started again (on another
        // port, with a fresh profile) a few times before the test fails, with every
        // attempt's error.
        let mut failures = Vec::new();
        for _ in 0..SESSION_ATTEMPTS {
            match Self::session(&chromium, &chromedriver, extra).await {
                Ok(browser) => return Some(browser),
                Err(why) => failures.push(why),
            }
        }
        panic!("no WebDriver session in {SESSION_ATTEMPTS} attempts: {failures:#?}");
    }

    /// One attempt: a fresh profile, chromedriver on a port of its own, and a session.
    async fn session(
        chromium: &std::path::Path,
        chromedriver: &std::path::Path,
        extra: &[String],
    ) -> Result<Self, String> {
        let profile = tempfile::Builder::new()
            .prefix("secure-headers-chromium-")
            .tempdir()
            .expect("a temporary profile directory");

        let args = [
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            // The HTTPS server's certificate is self-signed.
            "--ignore-certificate-errors".to_owned(),
            // Reporting API deliveries within seconds instead of about a minute.
            "--short-reporting-delay".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let args: Vec<String> = args.into_iter().chain(extra.iter().cloned()).collect();
        let caps = json!({
            "browserName": "chrome",
            "acceptInsecureCerts": true,
            "timeouts": { "pageLoad": WAIT.as_millis() as u64, "script": WAIT.as_millis() as u64 },
            "goog:chromeOptions": { "binary": chromium, "args": args },
            // The console, for the tests that read it (`Browser::console`).
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };

        let port = free_port();
        let mut driver = Driver {
            child: {
                use std::os::unix::process::CommandExt as _;
                Command::new(chromedriver)
                    .arg(format!("--port={port}"))
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .process_group(0)
                    .spawn()
                    .map_err(|e| format!("chromedriver does not start: {e}"))?
            },
        };
        let deadline = Instant::now() + WAIT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = driver.child.try_wait() {
                return Err(format!(
                    "chromedriver exited ({status}) before listening on {port}"
                ));
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "chromedriver did not listen on port {port} within {WAIT:?}"
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Whoever answers on the port must be the driver started here.
        if let Ok(Some(status)) = driver.child.try_wait() {
            return Err(format!(
                "chromedriver exited ({status}); port {port} is someone else's"
            ));
        }
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = tokio::time::timeout(
            WAIT,
            ClientBuilder::new(connector)
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{port}")),
        )
        .await
        .map_err(|_| format!("no WebDriver session on port {port} within {WAIT:?}"))?
        .map_err(|e| format!("no WebDriver session on port {port}: {e:?}"))?;
        Ok(Self {
            client,
            _driver: driver,
            _profile: profile,
        })
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("the page loads");
    }

    /// Evaluates a JavaScript expression in the current page (WebDriver scripts are not
    /// subject to the page's CSP).
    pub async fn eval(&self, expr: &str) -> Value {
        self.client
            .execute(&format!("return ({expr});"), vec![])
            .await
            .expect("the script runs")
    }

    /// Waits (bounded) until the expression is true; the caller asserts the exact state
    /// afterwards, so a timeout shows up as a readable assertion failure.
    pub async fn wait_until(&self, expr: &str) {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            // A page still navigating cannot run the script yet: not true yet.
            let now = self
                .client
                .execute(&format!("return !!({expr});"), vec![])
                .await;
            if matches!(now, Ok(Value::Bool(true))) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The browser console's entries since the last call (chromedriver's log of type
    /// `browser`: CSP and Trusted Types refusals are logged there as errors), each as
    /// `LEVEL message`.
    pub async fn console(&self) -> Vec<String> {
        let got = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("chromedriver gives the browser log");
        got.as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                format!(
                    "{} {}",
                    e["level"].as_str().unwrap_or("?"),
                    e["message"].as_str().unwrap_or("")
                )
            })
            .collect()
    }

    /// Ends the session (the browser quits) before the driver is killed.
    pub async fn close(self) {
        let Self {
            client,
            _driver,
            _profile,
        } = self;
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
    }
}

/// chromedriver's command for the browser log (not in the W3C protocol, which has no
/// log; chromedriver serves it at `/session/{id}/se/log`).
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// A port nothing listens on right now, for chromedriver, and never one this process
/// handed out before: two tests starting drivers at once cannot be given the same port.
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    loop {
        let port = StdListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// Runs a browser test with an overall time limit.
pub async fn bounded(test: impl Future<Output = ()>) {
    tokio::time::timeout(TEST_LIMIT, test)
        .await
        .expect("the browser test finished within its time limit");
}
