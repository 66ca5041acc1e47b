# Keeps a sample script's schema DDL: drops data, database switching, views, triggers and the like, statement by statement.
import re, sqlite3, sys
src, dialect = sys.argv[1], sys.argv[2]
drop = [re.compile(p, re.I) for p in sys.argv[3:]] or []
base = [r'^INSERT\b', r'^DROP\b', r'^CREATE\s+(DATABASE|SCHEMA)\b', r'^USE\b', r'^\\c\b', r'^SELECT\b', r'^flush\b', r'^source\b',
        r'^CREATE\s+(OR\s+REPLACE\s+)?VIEW\b', r'^CREATE\s+TRIGGER\b', r'^COPY\b', r'^SET\s+default_with_oids']
rules = [re.compile(p, re.I) for p in base] + drop
text = open(src, encoding='utf-8-sig').read().replace('\r\n', '\n')
out, removed, buf, pending_comments = [], {}, [], []
def complete(s):
    body = re.sub(r'--[^\n]*', '', s).strip()
    if dialect == 'sqlite': return sqlite3.complete_statement(s)
    return body.endswith(';') or body.startswith('\\c')
def head(s):
    s = re.sub(r'/\*.*?\*/', '', s, flags=re.S)
    return '\n'.join(l for l in s.split('\n') if not l.strip().startswith(('--', '#'))).strip()
for line in text.split('\n'):
    if not buf and (line.strip() == '' or line.strip().startswith(('--', '#', '/*')) and not line.strip().startswith('/*!')) and not line.strip().startswith('/*!') :
        # comment block: keep as is unless it only runs into a dropped statement
        if line.strip().startswith('/*') and not line.strip().endswith('*/'):
            buf.append(line); continue
        out.append(line); continue
    buf.append(line)
    s = '\n'.join(buf)
    if buf[0].strip().startswith('/*') and not buf[0].strip().startswith('/*!'):
        if '*/' in line: out.extend(buf); buf = []
        continue
    if complete(s):
        h = head(s)
        rule = next((r.pattern for r in rules if r.search(h)), None)
        if rule is None: out.extend(buf)
        else:
            key = ' '.join(h.split()[:3])[:60]
            removed[rule] = removed.get(rule, 0) + 1
        buf = []
if buf: out.extend(buf)
res = re.sub(r'\n{3,}', '\n\n', '\n'.join(out)).strip() + '\n'
sys.stdout.write(res)
for r, n in removed.items(): print(f'REMOVED {n} x {r}', file=sys.stderr)
