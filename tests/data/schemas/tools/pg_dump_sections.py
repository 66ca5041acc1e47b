# Splits a pg_dump --schema-only script into its "-- Name: ...; Type: ..." sections and keeps only the kinds given.
import re, sys
src, keep_types, drop_name_re = sys.argv[1], set(sys.argv[2].split(',')), re.compile(sys.argv[3]) if len(sys.argv) > 3 else None
text = open(src, encoding='utf-8').read()
parts = re.split(r'\n--\n-- (?=(?:Name|Data for Name): )', text)
out, removed = [], {}
for p in parts[1:]:
    m = re.match(r'(?:Name|Data for Name): (.*?); Type: (.*?); Schema', p)
    name, typ = m.group(1), m.group(2)
    body = p.split('\n--\n', 1)[1] if '\n--\n' in p else ''
    body = '\n'.join(l for l in body.split('\n') if not re.match(r'^ALTER .* OWNER TO ', l) and not l.startswith('SET ') and not l.startswith('SELECT pg_catalog.set_config'))
    if typ in keep_types and not (drop_name_re and drop_name_re.search(name)):
        out.append(f'-- {typ}: {name}\n' + body.strip() + '\n')
    else:
        removed.setdefault(typ, []).append(name)
print('\n'.join(out), end='')
for t, names in removed.items():
    print(f'REMOVED {t} ({len(names)}): ' + ', '.join(names), file=sys.stderr)
