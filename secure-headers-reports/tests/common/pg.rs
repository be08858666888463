//! A throwaway PostgreSQL cluster for the tests: `initdb` and `pg_ctl` (as the `postgres`
//! user when the tests run as root) on 127.0.0.1 and a free port, in a temporary
//! directory that is removed with it. One cluster is shared by the tests running at the
//! same time, each with a database of its own; it stops when the last one is done.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, Weak};

pub struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    dir: tempfile::TempDir,
}

static SHARED: Mutex<Weak<Cluster>> = Mutex::new(Weak::new());
static DATABASES: AtomicU32 = AtomicU32::new(0);

fn bin_dir() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| Some(e.ok()?.path().join("bin")))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    found.sort();
    found.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// Runs a PostgreSQL binary, as `postgres` when we are root (initdb refuses root).
fn run(bin: &Path, name: &str, args: &[&str]) {
    let mut cmd = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(name));
        c
    } else {
        Command::new(bin.join(name))
    };
    let out = cmd
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Cluster {
    fn start(bin: PathBuf) -> Self {
        let dir = tempfile::tempdir().unwrap();
        if is_root() {
            let ok = Command::new("chown")
                .args(["postgres:postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(ok.success());
        }
        let data = dir.path().join("data");
        let d = data.to_str().unwrap();
        run(
            &bin,
            "initdb",
            &[
                "-D",
                d,
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            ],
        );
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let opts = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -k {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            dir.path().display()
        );
        let log = dir.path().join("log");
        run(
            &bin,
            "pg_ctl",
            &[
                "-D",
                d,
                "-o",
                &opts,
                "-l",
                log.to_str().unwrap(),
                "-w",
                "start",
            ],
        );
        Self {
            bin,
            data,
            port,
            dir,
        }
    }

    /// A cluster, or `None` (and a SKIPPED line) when PostgreSQL is not installed.
    pub fn shared() -> Option<Arc<Self>> {
        let Some(bin) = bin_dir() else {
            eprintln!(
                "SKIPPED: PostgreSQL tests: no initdb/pg_ctl under /usr/lib/postgresql/*/bin (set PG_BIN)"
            );
            return None;
        };
        let mut shared = SHARED.lock().unwrap();
        if let Some(c) = shared.upgrade() {
            return Some(c);
        }
        let c = Arc::new(Self::start(bin));
        *shared = Arc::downgrade(&c);
        Some(c)
    }

    /// A new, empty database; its URL.
    pub fn database(&self) -> String {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::Relaxed)
        );
        let port = self.port.to_string();
        run(
            &self.bin,
            "createdb",
            &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", &name],
        );
        self.url(&name)
    }

    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let d = self.data.to_str().unwrap();
        run(
            &self.bin,
            "pg_ctl",
            &["-D", d, "-m", "immediate", "-w", "stop"],
        );
        let _ = &self.dir;
    }
}
