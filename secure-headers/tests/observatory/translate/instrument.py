"""Rewrites one of the Observatory's unit test files so that record.mjs sees its calls.

usage: instrument.py SOURCE.test.js DEST.mjs LABEL

- `node:test` (or mocha's globals) are replaced by record.mjs's describe/it/beforeEach;
- `someTest(requests, ...)` calls go through `__rec`, which keeps the input and output;
- `assert.equal(x.result, ...)`, `assert.isTrue/isFalse(x.pass)` and
  `assert.equal(getScoreModifier(x.result || ""), n)` go through `__res`, `__pass` and
  `__modexp`, which record the expectation on the call that produced `x` (and still assert).
"""
import os
import re
import sys

src, dst, label = sys.argv[1:4]
record = os.path.join(os.path.dirname(os.path.abspath(__file__)), "record.mjs")
s = open(src, encoding="utf-8").read()
s = re.sub(
    r'import \{[^}]*\} from "node:test";',
    f'import {{ describe, it, beforeEach, before, after, afterEach }} from "{record}";',
    s,
)
s = f'import {{ __rec, __res, __pass, __modexp, __run }} from "{record}";\n' + s
s = re.sub(
    r'assert\.equal\(\s*getScoreModifier\((\w+)\.result \|\| ""\),\s*(-?\d+)\s*\)',
    r"__modexp(\1, \2, getScoreModifier)",
    s,
)
s = re.sub(r'assert\.equal\(\s*(\w+)(?:\.result|\["result"\]),', r"__res(\1,", s)
s = re.sub(
    r'assert\.(isTrue|isFalse)\(\s*(\w+)(?:\.pass|\["pass"\])\s*\)',
    lambda m: f'__pass({m.group(2)}, {"true" if m.group(1) == "isTrue" else "false"})',
    s,
)
s = re.sub(r"(?<![\w.])(\w+Test)\(", r"__rec(\1, ", s)
s += f"\nawait __run({label!r});\n"
open(dst, "w", encoding="utf-8").write(s)
