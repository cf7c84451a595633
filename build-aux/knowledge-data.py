#!/usr/bin/env python3
# Makes resources/knowledge/asvs-5.0.json from the OWASP ASVS 5.0.0 CSV
# (5.0/docs_en/OWASP_Application_Security_Verification_Standard_5.0.0_en.csv
# in github.com/OWASP/ASVS, tag v5.0.0_release), and adds references and
# requirement hints to the built-in rules.
#
# Only ids, levels, chapter and section names are taken from the CSV; the
# requirement texts are never read into the output. The short titles below
# are our own words (see resources/knowledge/README.md for why).
#
#   build-aux/knowledge-data.py ASVS.csv

import csv
import json
import sys
from collections import OrderedDict

# Which parts of a system a chapter (or section) is about; a requirement
# applies to a model when one of its elements matches the topic.
CHAPTER_TOPICS = {
    'V1': 'software', 'V2': 'software', 'V3': 'web', 'V4': 'api', 'V5': 'files',
    'V6': 'authentication', 'V7': 'authentication', 'V8': 'authentication',
    'V9': 'tokens', 'V10': 'oauth', 'V11': 'software', 'V12': 'flows',
    'V13': 'software', 'V14': 'sensitive-data', 'V15': 'software', 'V16': 'software',
    'V17': 'webrtc',
}
SECTION_TOPICS = {'V4.3': 'graphql', 'V4.4': 'websocket'}

TOPICS = [
    {'id': 'software', 'title': 'Any software the team builds', 'applies_to': ['process']},
    {'id': 'web', 'title': 'Web front ends', 'applies_to': ['process'],
     'when': {'any': [{'incoming': {'all': [{'source': {'kind': 'actor'}},
                                            {'property': 'protocol', 'matches': '\\bhttps?\\b|websocket|browser'}]}},
                      {'property': 'technology', 'matches': '\\bweb|react|angular|vue|browser|\\bspa\\b|front.?end'}]}},
    {'id': 'api', 'title': 'APIs and web services', 'applies_to': ['process'],
     'when': {'any': [{'incoming': {'property': 'protocol', 'matches': '\\bhttps?\\b|rest|grpc|graphql|soap|\\bapi\\b'}},
                      {'property': 'tags', 'contains': ['api']},
                      {'property': 'technology', 'matches': '\\bapi\\b|rest|grpc|graphql'}]}},
    {'id': 'graphql', 'title': 'GraphQL', 'applies_to': ['process'],
     'when': {'any': [{'property': 'technology', 'matches': 'graphql|apollo|hasura'},
                      {'incoming': {'property': 'protocol', 'matches': 'graphql'}}]}},
    {'id': 'websocket', 'title': 'WebSocket', 'applies_to': ['flow'],
     'when': {'property': 'protocol', 'matches': 'websocket|\\bwss?\\b'}},
    {'id': 'files', 'title': 'File uploads and file handling', 'applies_to': ['process'],
     'when': {'property': 'tags', 'contains': ['upload', 'uploads', 'file-upload', 'files']}},
    {'id': 'authentication', 'title': 'Sign-in, sessions and access control', 'applies_to': ['process', 'store', 'flow'],
     'when': {'any': [{'true': 'authenticated'}, {'true': 'handles-credentials'}]}},
    {'id': 'tokens', 'title': 'Self-contained tokens', 'applies_to': ['process', 'flow'],
     'when': {'any': [{'property': 'protocol', 'matches': 'jwt|oidc|oauth|saml|openid|token'},
                      {'incoming': {'property': 'protocol', 'matches': 'jwt|oidc|oauth|saml|openid|token'}}]}},
    {'id': 'oauth', 'title': 'OAuth and OpenID Connect', 'applies_to': ['process', 'flow'],
     'when': {'any': [{'property': 'protocol', 'matches': 'oidc|oauth|openid'},
                      {'incoming': {'property': 'protocol', 'matches': 'oidc|oauth|openid'}}]}},
    {'id': 'flows', 'title': 'Communication between parts', 'applies_to': ['flow']},
    {'id': 'sensitive-data', 'title': 'Confidential or personal data', 'applies_to': ['process', 'store', 'flow'],
     'when': {'any': [{'classification_at_least': 'confidential'}, {'true': 'handles-pii'}, {'true': 'handles-payment'}]}},
    {'id': 'webrtc', 'title': 'WebRTC', 'applies_to': ['process', 'flow'],
     'when': {'any': [{'property': 'technology', 'matches': 'webrtc|\\bturn\\b|\\bstun\\b'},
                      {'property': 'protocol', 'matches': 'webrtc|srtp|dtls'}]}},
]

# Our own short titles for the requirements the built-in rules point to.
TITLES = {
    'V1.2.1': 'Encode output for the HTML or XML context',
    'V1.2.3': 'Encode data placed into JavaScript or JSON',
    'V1.2.4': 'Parameterised database queries',
    'V1.2.5': 'No OS command injection',
    'V1.3.2': 'No eval or dynamic code from data',
    'V1.3.6': 'Allow-list outgoing requests against SSRF',
    'V1.5.1': 'XML parsers without external entities',
    'V1.5.2': 'Safe deserialisation of untrusted data',
    'V2.2.1': 'Validate input against business expectations',
    'V2.2.2': 'Validate input on a trusted layer',
    'V2.3.1': 'Business flows run in the expected order',
    'V2.3.3': 'Business operations are transactional',
    'V2.4.1': 'Anti-automation against excessive calls',
    'V3.2.1': 'Responses render only in the intended context',
    'V3.3.1': 'Cookies marked Secure',
    'V3.3.2': 'SameSite set on each cookie',
    'V3.3.4': 'Session cookies out of reach of scripts',
    'V3.4.1': 'HSTS on every response',
    'V3.4.3': 'Content Security Policy',
    'V3.5.1': 'Cross-site request forgery defence',
    'V3.5.3': 'Sensitive actions use the right HTTP method',
    'V3.6.1': 'Subresource integrity for third-party assets',
    'V4.1.1': 'Correct Content-Type on responses',
    'V4.1.5': 'Signed messages for high-value calls',
    'V4.3.1': 'Limit GraphQL query depth and cost',
    'V4.3.2': 'No GraphQL introspection in production',
    'V4.4.1': 'WebSocket only over TLS',
    'V5.2.1': 'Limit the size of accepted files',
    'V5.2.2': 'Check type and content of uploaded files',
    'V5.3.1': 'Uploaded files never run as code',
    'V5.3.2': 'File paths not built from user input',
    'V5.4.3': 'Scan untrusted files for malware',
    'V6.1.1': 'Documented defences against brute force',
    'V6.2.4': 'Reject common and breached passwords',
    'V6.3.1': 'Defend against credential stuffing',
    'V6.3.2': 'No default accounts',
    'V6.3.3': 'Multi-factor authentication',
    'V6.3.5': 'Tell users about suspicious sign-ins',
    'V6.3.8': 'Failed sign-ins do not reveal valid users',
    'V6.8.2': 'Check signatures on identity assertions',
    'V7.2.1': 'Verify session tokens on a trusted backend',
    'V7.2.3': 'Unpredictable session tokens',
    'V7.2.4': 'New session token on sign-in',
    'V7.3.1': 'Inactivity timeout',
    'V7.4.1': 'Sessions end on logout or expiry',
    'V7.5.1': 'Re-authenticate before sensitive account changes',
    'V8.2.1': 'Function-level authorisation',
    'V8.2.2': 'Object-level authorisation',
    'V8.3.1': 'Authorisation enforced server side',
    'V8.4.2': 'Layered protection of admin interfaces',
    'V9.1.1': 'Verify the signature of self-contained tokens',
    'V9.1.2': 'Allow-list of token algorithms',
    'V9.2.1': 'Respect token validity times',
    'V9.2.3': 'Accept only tokens meant for this service',
    'V10.3.1': 'Resource server checks the token audience',
    'V10.4.1': 'Exact redirect URI validation',
    'V11.1.1': 'Key management policy',
    'V11.3.2': 'Approved ciphers and modes only',
    'V11.4.2': 'Passwords stored with a slow, salted hash',
    'V11.5.1': 'Secure random numbers for secrets',
    'V12.1.1': 'Current TLS versions only',
    'V12.2.1': 'TLS for all external connections',
    'V12.3.1': 'Encrypt every connection the application makes',
    'V12.3.3': 'TLS between internal HTTP services',
    'V12.3.5': 'Service-to-service authentication',
    'V13.2.1': 'Authenticate backend component calls',
    'V13.2.2': 'Least privilege for backend connections',
    'V13.2.3': 'No default credentials between services',
    'V13.2.4': 'Allow-list of external systems',
    'V13.3.1': 'Secrets kept in a secrets manager',
    'V13.3.2': 'Least privilege for secret access',
    'V13.3.4': 'Secrets expire and rotate',
    'V13.4.1': 'No source control metadata deployed',
    'V13.4.2': 'Debug modes off in production',
    'V13.4.5': 'Internal docs and monitoring endpoints not public',
    'V14.1.1': 'Sensitive data identified and classified',
    'V14.2.3': 'Sensitive data not sent to untrusted parties',
    'V14.2.4': 'Protection rules applied to sensitive data',
    'V14.2.6': 'Return only the sensitive data needed',
    'V14.2.7': 'Retention limits for sensitive data',
    'V15.1.2': 'Software bill of materials',
    'V15.2.1': 'No components past their patch deadline',
    'V15.2.2': 'Defences against resource exhaustion',
    'V15.2.4': 'Dependencies from trusted, pinned sources',
    'V15.3.1': 'Return only the fields needed',
    'V15.3.2': 'Outgoing calls do not follow redirects blindly',
    'V15.3.3': 'Mass assignment protection',
    'V16.2.1': 'Log entries say who, what, when and where',
    'V16.2.5': 'Sensitive data kept out of logs',
    'V16.3.1': 'Log every authentication event',
    'V16.3.2': 'Log failed authorisation',
    'V16.3.3': 'Log documented security events',
    'V16.4.1': 'Encode log data against log injection',
    'V16.4.2': 'Logs protected from reading and change',
    'V16.4.3': 'Ship logs to a separate system',
    'V16.5.2': 'Stay secure when a dependency fails',
    'V16.5.3': 'Fail safely on errors',
}


def catalogue(path):
    chapters = OrderedDict()
    sections = OrderedDict()
    requirements = []
    for row in csv.DictReader(open(path, encoding='utf-8')):
        chapters.setdefault(row['chapter_id'], row['chapter_name'])
        sections.setdefault(row['section_id'], (row['chapter_id'], row['section_name']))
        req = OrderedDict(id=row['req_id'], level=int(row['L']), section=row['section_id'])
        if row['req_id'] in TITLES:
            req['title'] = TITLES[row['req_id']]
        requirements.append(req)
    missing = set(TITLES) - {r['id'] for r in requirements}
    assert not missing, missing
    return OrderedDict(
        version=1,
        id='asvs',
        title='OWASP Application Security Verification Standard',
        release='5.0.0',
        url='https://owasp.org/www-project-application-security-verification-standard/',
        licence='CC BY-SA 4.0',
        attribution='Requirement ids, levels, chapter and section names from the OWASP Application Security '
                    'Verification Standard 5.0.0 by the OWASP Foundation, CC BY-SA 4.0; short titles in our own words.',
        levels=[1, 2, 3],
        topics=TOPICS,
        chapters=[OrderedDict(id=c, title=t, topic=CHAPTER_TOPICS[c]) for c, t in chapters.items()],
        sections=[OrderedDict([('id', s), ('chapter', c), ('title', t)] +
                              ([('topic', SECTION_TOPICS[s])] if s in SECTION_TOPICS else []))
                  for s, (c, t) in sections.items()],
        requirements=requirements,
    )


if __name__ == '__main__':
    data = catalogue(sys.argv[1])
    # One line per item keeps diffs readable.
    with open('resources/knowledge/asvs-5.0.json', 'w', encoding='utf-8') as f:
        f.write('{\n')
        items = list(data.items())
        for i, (key, value) in enumerate(items):
            end = ',' if i + 1 < len(items) else ''
            if isinstance(value, list) and value and isinstance(value[0], dict):
                f.write('  %s: [\n' % json.dumps(key))
                f.write(',\n'.join('    ' + json.dumps(v, ensure_ascii=False) for v in value))
                f.write('\n  ]%s\n' % end)
            else:
                f.write('  %s: %s%s\n' % (json.dumps(key), json.dumps(value, ensure_ascii=False), end))
        f.write('}\n')
