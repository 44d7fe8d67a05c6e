#!/usr/bin/env python3
"""A research probe, not part of the product or the tests: how far a plain statistical model of
the messages' wording generalises, next to the hand-written cue rules.

It trains a logistic regression on word 1-2-grams and character 2-4-grams (TF-IDF) over every
labelled message except the blind holdout and the external split, then prints, on those two,
what the model flags alone and what "the rules or the model" flag, at several thresholds. The
rules' answers come from the CLI (`target/release/sellershield check-message`), so build it first.

    python3 -m pip install scikit-learn numpy
    cargo build --release
    python3 scripts/research/ngram-model.py

Why it is here: the blind holdouts show that cue phrases tuned on one set barely move the next
(docs/performance.md and README "How well it detects"); this measures the alternative before
anyone builds it into the engine (README, "How well it detects").
"""
import email
import email.policy
import html
import json
import os
import re
import subprocess
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_union

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
CORPUS = os.path.join(ROOT, 'tests', 'fixtures', 'messages')
CLI = os.path.join(ROOT, 'target', 'release', 'sellershield')


def body(path):
    """The text a reader sees: the subject and every text part of a mail, tags dropped."""
    raw = open(path, 'rb').read()
    if path.endswith('.eml'):
        m = email.message_from_bytes(raw, policy=email.policy.default)
        parts = [m.get('subject', '') or '']
        for p in m.walk():
            ct = p.get_content_type()
            if ct in ('text/plain', 'text/html'):
                try:
                    t = p.get_content()
                except Exception:
                    t = (p.get_payload(decode=True) or b'').decode('utf-8', 'replace')
                parts.append(html.unescape(re.sub(r'<[^>]+>', ' ', t)) if ct == 'text/html' else t)
        return '\n'.join(parts)
    t = raw.decode('utf-8', 'replace')
    return html.unescape(re.sub(r'<[^>]+>', ' ', t)) if path.endswith('.html') else t


def rows(labels, genuine):
    """(split, path, platform, text, 1 for a scam) per label row; `genuine=None` reads it from
    the categories column (the external file mixes both)."""
    out = []
    for line in open(os.path.join(CORPUS, labels), encoding='utf-8'):
        if line.startswith('#'):
            continue
        c = line.rstrip('\n').split('\t')
        if len(c) < 5:
            continue
        g = genuine if genuine is not None else c[4] in ('', '-')
        out.append((c[1], c[0], c[2], body(os.path.join(CORPUS, c[0])), 0 if g else 1))
    return out


def rules_flag(row):
    args = [CLI, 'check-message'] + (['--platform', row[2]] if row[2] != '-' else []) + [os.path.join(CORPUS, row[1])]
    report = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    report = report[0] if isinstance(report, list) else report
    return report['verdict'] != 'safe'


def main():
    every = rows('labels-scam.tsv', False) + rows('labels-genuine.tsv', True) + rows('labels-external.tsv', None)
    train = [r for r in every if r[0] in ('dev', 'retired')]
    vec = make_union(
        TfidfVectorizer(analyzer='word', ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r'(?u)\b\w+\b'),
        TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 4), min_df=3, sublinear_tf=True),
    )
    x = vec.fit_transform([r[3].lower() for r in train])
    model = LogisticRegression(C=4, max_iter=2000, class_weight='balanced').fit(x, [r[4] for r in train])
    print(f'trained on {len(train)} messages (dev, retired)')
    for split in ('holdout', 'external'):
        test = [r for r in every if r[0] == split]
        p = model.predict_proba(vec.transform([r[3].lower() for r in test]))[:, 1]
        y = np.array([r[4] for r in test])
        rules = np.array([rules_flag(r) for r in test])
        n_scam, n_gen = int((y == 1).sum()), int((y == 0).sum())
        print(f'\n{split}: {n_scam} scams, {n_gen} genuine; rules alone flag {int((rules & (y == 1)).sum())} scams, '
              f'{int((rules & (y == 0)).sum())} genuine')
        for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9):
            m = p >= t
            both = rules | m
            print(f'  t={t:<4} model alone {int((m & (y == 1)).sum()):>3} scams {int((m & (y == 0)).sum()):>2} genuine | '
                  f'rules or model {int((both & (y == 1)).sum()):>3} scams {int((both & (y == 0)).sum()):>2} genuine')
    return 0


if __name__ == '__main__':
    sys.exit(main())
