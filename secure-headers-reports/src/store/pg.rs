//! The PostgreSQL backend (the `postgres` crate): one shared store for several app
//! instances or collectors. Rows a write updates are locked (`FOR UPDATE`), so
//! concurrent writers add up instead of overwriting each other.

use std::collections::HashMap;

use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Statement};

use super::sql::{Conn, Row, Value};

pub(crate) struct Postgres {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Postgres {
    pub(crate) fn connect(url: &str) -> Result<Self, String> {
        let mut config: postgres::Config =
            url.parse().map_err(|e: postgres::Error| e.to_string())?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(std::time::Duration::from_secs(10));
        }
        let client = config.connect(NoTls).map_err(|e| {
            let mut msg = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                msg.push_str(&format!(": {s}"));
                source = s.source();
            }
            msg
        })?;
        Ok(Self {
            client,
            statements: HashMap::new(),
        })
    }

    fn statement(&mut self, sql: &str) -> Result<Statement, String> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql).map_err(|e| e.to_string())?;
        self.statements.insert(sql.to_owned(), s.clone());
        Ok(s)
    }
}

/// The parameters as the types the statement declares.
fn bind<'a>(stmt: &Statement, params: &'a [Value]) -> Vec<Box<dyn ToSql + Sync + 'a>> {
    params
        .iter()
        .zip(stmt.params())
        .map(|(v, ty)| -> Box<dyn ToSql + Sync + 'a> {
            match v {
                Value::Null => Box::new(Option::<String>::None),
                Value::Int(i) if *ty == Type::INT4 => {
                    Box::new(i32::try_from(*i).unwrap_or(i32::MAX))
                }
                Value::Int(i) if *ty == Type::TEXT || *ty == Type::VARCHAR => {
                    Box::new(i.to_string())
                }
                Value::Int(i) => Box::new(*i),
                Value::Text(t) => Box::new(t.as_str()),
                Value::Blob(b) => Box::new(b.as_slice()),
            }
        })
        .collect()
}

fn read(row: &postgres::Row) -> Row {
    (0..row.len())
        .map(|i| {
            let ty = row.columns()[i].type_();
            let v = if *ty == Type::INT8 {
                row.get::<_, Option<i64>>(i).map(Value::Int)
            } else if *ty == Type::INT4 {
                row.get::<_, Option<i32>>(i).map(|v| Value::Int(v.into()))
            } else if *ty == Type::BYTEA {
                row.get::<_, Option<Vec<u8>>>(i).map(Value::Blob)
            } else {
                row.try_get::<_, Option<String>>(i)
                    .ok()
                    .flatten()
                    .map(Value::Text)
            };
            v.unwrap_or(Value::Null)
        })
        .collect()
}

impl Conn for Postgres {
    fn batch(&mut self, sql: &str) -> Result<(), String> {
        self.client.batch_execute(sql).map_err(|e| e.to_string())
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, String> {
        let stmt = self.statement(sql)?;
        let bound = bind(&stmt, params);
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b.as_ref()).collect();
        self.client.execute(&stmt, &refs).map_err(|e| e.to_string())
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, String> {
        let stmt = self.statement(sql)?;
        let bound = bind(&stmt, params);
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b.as_ref()).collect();
        let rows = self.client.query(&stmt, &refs).map_err(|e| e.to_string())?;
        Ok(rows.iter().map(read).collect())
    }

    fn blob_type(&self) -> &'static str {
        "BYTEA"
    }

    fn lock_rows(&self) -> &'static str {
        " FOR UPDATE"
    }

    fn ready(&mut self) -> Result<(), String> {
        Ok(())
    }

    fn begin(&mut self) -> Result<(), String> {
        self.batch("BEGIN")
    }
}
