//! The `sellershield` command: the engine's native face, for tests, benchmarks and security
//! teams working in batch. Each input gets one JSON line on stdout; an input that cannot be read
//! gets a JSON line with an `error` and the batch goes on. The exit code is 0 when every input
//! was judged, 1 when some could not be read, 2 on a usage error.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use serde::Serialize;
use sellershield::{Config, Engine};

const USAGE: &str = "\
usage:
  sellershield check-url [--platform ID] [--config FILE] [URL ...]   (stdin, one per line, when no URL)
  sellershield check-message [--platform ID] [--config FILE] FILE...  (.eml, .txt, .html; - for stdin)
  sellershield check-page --url URL [--config FILE] FILE.html

options:
  --platform ID   the platform whose inbox the input comes from (alibaba, amazon, ebay, ...)
  --config FILE   engine settings as JSON (protectedDomains, trustedDomains, platforms)
";

#[derive(Debug, Default)]
struct Args {
    command: String,
    platform: Option<String>,
    config: Option<String>,
    url: Option<String>,
    inputs: Vec<String>,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args::default();
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("platform") => args.platform = Some(parser.value()?.string()?),
            Long("config") => args.config = Some(parser.value()?.string()?),
            Long("url") => args.url = Some(parser.value()?.string()?),
            Short('h') | Long("help") => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            Value(v) if args.command.is_empty() => args.command = v.string()?,
            Value(v) => args.inputs.push(v.string()?),
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(args)
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    input: &'a str,
    error: String,
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => return usage_error(&e.to_string()),
    };
    let config = match &args.config {
        None => Config::default(),
        Some(path) => match std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|t| Config::from_json(&t).map_err(|e| e.to_string())) {
            Ok(c) => c,
            Err(e) => return usage_error(&format!("--config {path}: {e}")),
        },
    };
    let engine = match Engine::new(&config) {
        Ok(e) => e,
        Err(e) => return usage_error(&e.to_string()),
    };
    if let Some(p) = &args.platform {
        if engine.registry().platform(p).is_none() {
            return usage_error(&format!("--platform: unknown platform {p:?}"));
        }
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match args.command.as_str() {
        "check-url" => check_urls(&engine, &args, &mut out),
        "check-message" => check_messages(&engine, &args, &mut out),
        "check-page" => check_pages(&engine, &args, &mut out),
        "" => return usage_error("no command"),
        other => return usage_error(&format!("unknown command {other:?}")),
    };
    let _ = out.flush();
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sellershield: {e}");
            ExitCode::from(1)
        }
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("sellershield: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}

fn emit<T: Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

fn check_urls(engine: &Engine, args: &Args, out: &mut impl Write) -> io::Result<bool> {
    let platform = args.platform.as_deref();
    if !args.inputs.is_empty() {
        for url in &args.inputs {
            emit(out, &engine.check_url(url, None, platform))?;
        }
        return Ok(true);
    }
    // Streamed: each line is answered as it arrives, so a pipe gets results before EOF.
    let stdin = io::stdin();
    let mut reader = stdin.lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let url = text.trim();
        if url.is_empty() || url.starts_with('#') {
            continue;
        }
        emit(out, &engine.check_url(url, None, platform))?;
        out.flush()?;
    }
    Ok(true)
}

fn read_input(path: &str) -> io::Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

fn check_messages(engine: &Engine, args: &Args, out: &mut impl Write) -> io::Result<bool> {
    if args.inputs.is_empty() {
        eprintln!("sellershield: check-message needs at least one FILE (- for stdin)");
        return Ok(false);
    }
    let mut all_ok = true;
    for path in &args.inputs {
        let loaded = read_input(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| sellershield::mail::load_message(path, &bytes).map_err(|e| e.to_string()));
        match loaded {
            Ok(mut input) => {
                if input.platform.is_none() {
                    input.platform = args.platform.clone();
                }
                let report = match engine.check_message(&input) {
                    Ok(r) => r,
                    Err(e) => {
                        all_ok = false;
                        emit(out, &ErrorLine { input: path, error: e.to_string() })?;
                        continue;
                    }
                };
                #[derive(Serialize)]
                struct Line<'a> {
                    input: &'a str,
                    #[serde(flatten)]
                    report: sellershield::MessageReport,
                }
                emit(out, &Line { input: path, report })?;
            }
            Err(error) => {
                all_ok = false;
                emit(out, &ErrorLine { input: path, error })?;
            }
        }
    }
    Ok(all_ok)
}

fn check_pages(engine: &Engine, args: &Args, out: &mut impl Write) -> io::Result<bool> {
    let Some(url) = &args.url else {
        eprintln!("sellershield: check-page needs --url URL (the address the page was served from)");
        return Ok(false);
    };
    if args.inputs.is_empty() {
        eprintln!("sellershield: check-page needs a FILE.html (- for stdin)");
        return Ok(false);
    }
    let mut all_ok = true;
    for path in &args.inputs {
        match read_input(path) {
            Ok(bytes) => {
                let html = String::from_utf8_lossy(&bytes);
                let facts = sellershield::html::page_facts(url, &html);
                let report = engine.check_page(&facts);
                #[derive(Serialize)]
                struct Line<'a> {
                    input: &'a str,
                    #[serde(flatten)]
                    report: sellershield::PageReport,
                }
                emit(out, &Line { input: path, report })?;
            }
            Err(e) => {
                all_ok = false;
                emit(out, &ErrorLine { input: path, error: e.to_string() })?;
            }
        }
    }
    Ok(all_ok)
}
