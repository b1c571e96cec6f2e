#!/usr/bin/env python3
"""Adds message keys to messages/zh-CN.json and messages/en.json under a file lock.

Usage: python3 scripts/add-messages.py FILE.json
FILE.json: {"key": {"zh": "…", "en": "…"}, …}. An existing key is replaced. Both catalogues keep
identical key sets. Run `npm run i18n` afterwards.
"""
import fcntl, json, sys, os

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
new = json.load(open(sys.argv[1], encoding='utf-8'))
with open(os.path.join(root, 'messages', '.lock'), 'w') as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    for locale, short in (('zh-CN', 'zh'), ('en', 'en')):
        path = os.path.join(root, 'messages', f'{locale}.json')
        data = json.load(open(path, encoding='utf-8'))
        for k, v in new.items():
            if short not in v:
                sys.exit(f'{k}: missing {short}')
            data[k] = v[short]
        tmp = path + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write(json.dumps(data, ensure_ascii=False, indent='\t') + '\n')
        os.replace(tmp, path)
print(f'added {len(new)} keys')
