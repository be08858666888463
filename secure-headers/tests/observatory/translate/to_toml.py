"""Writes the grade cases recorded from one version of the Observatory's unit tests as TOML.

usage: to_toml.py CHECKOUT LABEL ALGORITHM DESCRIPTION RECORDS.json... > cases.toml

RECORDS are record.mjs's output for each instrumented test file. The scanner tests on
captured responses (`test/scanner.test.js` with `test/fixtures/*.json`, from 1.5.x on) are
added from CHECKOUT: the captured headers, the page reduced to its <script> and <meta>
elements, and the asserted score, grade and tests passed.
"""
import collections
import json
import os
import re
import sys

checkout, label, algorithm, description = sys.argv[1:5]
record_files = sys.argv[5:]

# Calls that a grade case cannot reproduce, and why.
NOT_TRANSLATED = {
    "Subresource Integrity > checks for no invalid html": (
        "JSDOM, which 1.4.8 parses pages with, throws on that page; "
        "the grader's tag scanner never fails"
    ),
}


def q(s):
    # JSON string escapes are valid TOML basic-string escapes for these values.
    return json.dumps(s, ensure_ascii=False)


def representable(value):
    return all(c == "\t" or 32 <= ord(c) <= 255 and ord(c) != 127 for c in value)


cases = []
skipped = collections.Counter()
for path in record_files:
    data = json.load(open(path, encoding="utf-8"))
    file = data["file"]
    records = [r for r in data["records"] if r["expect"]]
    per_test = collections.Counter(r["test"] for r in records)
    seen = collections.Counter()
    for r in records:
        seen[r["test"]] += 1
        inp = dict(r["input"])
        scheme = None
        if r["analyzer"] == "strict-transport-security":
            # The HSTS test reads the HTTPS response: its headers, whether there is one,
            # and whether its certificate verified.
            https = inp["https"]
            if https is None:
                scheme = "http"
            else:
                inp["headers"] = https["headers"]
                scheme = None if https["verified"] else "https-invalid-cert"
        if r["test"] in NOT_TRANSLATED:
            skipped[r["test"]] += 1
            continue
        if not all(representable(v) for _, v in inp["headers"]):
            skipped[r["test"] + " (a header value no HTTP library can hold)"] += 1
            continue
        if inp["host"] != "mozilla.org" or inp["session"] != "https://mozilla.org/" or inp["verified"] is not True:
            skipped[r["test"] + " (a site other than the usual one)"] += 1
            continue
        name = r["test"] + (f" #{seen[r['test']]}" if per_test[r["test"]] > 1 else "")
        lines = ["[[case]]", f"name = {q(name)}", f"source = {q(f'{label} {file}: ' + r['test'])}", "headers = ["]
        lines += [f"    [{q(k)}, {q(v)}]," for k, v in inp["headers"]]
        lines.append("]")
        if scheme:
            lines.append(f"scheme = {q(scheme)}")
        if inp["html"]:
            lines.append(f"html = {q(inp['html'])}")
        e = r["expect"]
        parts = []
        if "result" in e:
            parts.append(f"result = {q(e['result'])}")
        if "pass" in e:
            parts.append(f"pass = {'true' if e['pass'] else 'false'}")
        if "modifier" in e:
            parts.append(f"modifier = {e['modifier']}")
        lines += ["[case.expect]", f"{r['analyzer']} = {{ {', '.join(parts)} }}", ""]
        cases.append("\n".join(lines))

scanner = os.path.join(checkout, "test/scanner.test.js")
text = open(scanner, encoding="utf-8").read() if os.path.exists(scanner) else ""
for m in re.finditer(r'it\("(returns expected results on ([\w.-]+))".*?fixtureRequests\("([\w-]+)"\)(.*?)\n  \}\);', text, re.S):
    title, host, fixture, body = m.groups()
    expect = {k: v for k, v in re.findall(r"scanResult\.scan\.(score|grade|testsPassed), \"?([\w+-]+)\"?\)", body)}
    capture = json.load(open(os.path.join(checkout, f"test/fixtures/{fixture}.json"), encoding="utf-8"))
    page = capture["resources"]["path"] or ""
    tags = re.findall(r"<script\b[^>]*>|<meta\b[^>]*>", page, flags=re.I)
    reduced = "\n".join(t + ("</script>" if t.lower().startswith("<script") else "") for t in tags)
    lines = [
        "[[case]]",
        f"name = {q('Scanner > ' + title)}",
        f"source = {q(f'{label} test/scanner.test.js: Scanner > {title} (the response captured in test/fixtures/{fixture}.json)')}",
        f"host = {q(capture['site']['hostname'])}",
        "# The captured response headers, unchanged.",
        "headers = [",
    ]
    lines += [f"    [{q(k)}, {q(str(v))}]," for k, v in capture["responses"]["auto"]["headers"].items()]
    lines += [
        "]",
        "# The captured page reduced to its <script> and <meta> elements (script bodies left out):",
        "# the only parts the scanner reads.",
        f"html = {q(reduced)}",
        f"score = {expect['score']}",
        f"grade = {q(expect['grade'])}",
        f"tests_passed = {expect['testsPassed']}",
        "",
    ]
    cases.append("\n".join(lines))

failed = []
if os.environ.get("FAILED_TESTS"):
    for line in open(os.environ["FAILED_TESTS"], encoding="utf-8"):
        m = re.match(r"FAILED (.*?): ", line)
        if m:
            failed.append(m.group(1))
notes = [f'"{t}": {NOT_TRANSLATED.get(t, "see above")}' for t in sorted(skipped)]
notes += [f'"{t}": it fails without the HSTS preload list, which is not part of the checkout' for t in failed]
not_translated = "".join(f"\n# Not translated: {n}." for n in notes)
print(f"""# Cases translated from the Mozilla HTTP Observatory's own tests at {label}
# ({description}, algorithm {algorithm}) by tests/observatory/translate: every call a
# unit test makes to one of the scanner's tests that the unit test then asserts on, with the
# response headers and page it was given and what it asserts (the result, and where
# asserted whether it passed and its score modifier); and the scanner tests on captured
# responses (score, grade, tests passed). The unit tests run on a response from
# mozilla.org over HTTPS with `Content-Type: text/html`, hence the host and that header;
# the HSTS test reads the HTTPS response, so its cases list that response's headers. Each
# case names its source: the tag, the test file and the test ("describe > it"; "#n" for
# the n-th call in one test).{not_translated}
algorithm = {algorithm}
host = "mozilla.org"
""")
print("\n".join(cases), end="")
