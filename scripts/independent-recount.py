#!/usr/bin/env python3
"""An independent recount of a certification report, written from docs/certification.md
("Specification for a second implementation") alone: it shares no code with the platform's
count.ts, merkle.ts or canonical-json.ts, and uses only the Python standard library.

    python3 scripts/independent-recount.py --report report.json --evidence evidence.ndjson \
        [--policies docs/policies]

It checks the body hash, the evidence root (RFC 6962), recounts the results with the published
policy, redraws the on-site sample, and prints one JSON object: {"bodyHash", "evidenceRoot",
"results" (the recounted results as canonical JSON), "sample" (project ids), "problems"}.
Exit status 0 when the recount equals the report, 1 when anything differs, 2 on usage.
"""
import argparse
import hashlib
import json
import os
import sys


# Spec 1: canonical JSON.
def _string(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == '\\':
            out.append('\\\\')
        elif ch in '\b\t\n\f\r':
            out.append({'\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r'}[ch])
        elif o < 0x20:
            out.append('\\u%04x' % o)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def canonical(v):
    if v is None:
        return 'null'
    if v is True:
        return 'true'
    if v is False:
        return 'false'
    if isinstance(v, int):
        if abs(v) > 2**53 - 1:
            raise ValueError('not a safe integer: %d' % v)
        return str(v)
    if isinstance(v, float):
        raise ValueError('canonical JSON holds no fractions: %r' % v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, list):
        return '[' + ','.join(canonical(x) for x in v) + ']'
    if isinstance(v, dict):
        keys = sorted(v.keys(), key=lambda k: k.encode('utf-16-be'))  # UTF-16 code unit order
        return '{' + ','.join(_string(k) + ':' + canonical(v[k]) for k in keys) + '}'
    raise ValueError('cannot hold %r' % type(v))


def sha256hex(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


# Spec 15: RFC 6962 Merkle tree hash.
def merkle_root(leaves):
    def mth(items):
        if len(items) == 1:
            return hashlib.sha256(b'\x00' + items[0]).digest()
        k = 1
        while k * 2 < len(items):
            k *= 2
        return hashlib.sha256(b'\x01' + mth(items[:k]) + mth(items[k:])).digest()

    if not leaves:
        return hashlib.sha256(b'').hexdigest()
    return mth([l.encode('utf-8') for l in leaves]).hex()


def days_between(start, end):
    import datetime

    a = datetime.date.fromisoformat(start)
    b = datetime.date.fromisoformat(end)
    return (b - a).days + 1


def at_least(part, whole, share):
    return part * share['den'] >= whole * share['num']


# Spec 6-12: the count.
def recount(policy, window, projects, registered, devices):
    window_days = days_between(window['start'], window['end'])
    registered = set(registered)
    project_by_id = {p['projectId']: p for p in projects}
    disqualifying = set(policy['disqualifyingFlags'])
    results = []
    claims = {}  # enterpriseId -> code -> (projectId, mappedDays)
    for d in sorted(devices, key=lambda d: d['deviceId'].encode('utf-16-be')):
        # edgenet-counting-v3 on (docs/certification.md): a kind may require a TPM-attested device;
        # a row without the level is software.
        level = d.get('attestation', 'software')
        require_tpm = policy.get('requireTpm')
        # edgenet-counting-v4 on: a tpm device's day is sealed with minSealsPerDay seals (the fifth
        # element); a kind that requires a TPM counts only sealed days.
        seal = policy.get('tpmSeal')
        sealed = lambda day: seal is not None and level == 'tpm' and len(day) > 4 and day[4] >= seal['minSealsPerDay']
        only_sealed = seal is not None and require_tpm is not None and require_tpm[d['kind']] and level == 'tpm'
        active = [day for day in d['days'] if window['start'] <= day[0] <= window['end']
                  and day[1] >= policy['activeDay']['minOnlineBuckets'] and day[2] >= policy['activeDay']['minInferences']
                  and (not only_sealed or sealed(day))]
        sealed_active = len([day for day in active if sealed(day)])
        node_level = 'tpm' if level == 'tpm' and (seal is None or sealed_active == len(active)) else 'software'
        reasons = []
        p = project_by_id.get(d['projectId'])
        if p is None or p['enterpriseId'] != d['enterpriseId']:
            reasons.append('not enrolled to a project of its enterprise')
        if require_tpm is not None and require_tpm[d['kind']] and level != 'tpm':
            reasons.append('attestation %s: the policy requires tpm for a %s' % (level, d['kind']))
        for f in d['flags']:
            if f['kind'] in disqualifying:
                reasons.append('flag %s: %s' % (f['kind'], f['reason']))
        share = policy['verifiedDevice']['minActiveDayShare']
        if not at_least(len(active), window_days, share):
            reasons.append('%d active days of %d is below %d/%d' % (len(active), window_days, share['num'], share['den']))
        mapped = {}
        for day in active:
            codes = {m['code'] for m in d['mappings'] if m['fromDay'] <= day[0] <= m['toDay']}
            for c in codes:
                mapped[c] = mapped.get(c, 0) + 1
        key = lambda c: '%s/%s' % (d['enterpriseId'], c)
        unregistered = sorted((c for c in mapped if key(c) not in registered), key=lambda c: c.encode('utf-16-be'))
        qualifying = [c for c in mapped if key(c) in registered
                      and at_least(mapped[c], len(active), policy['certifiedWorkstation']['minMappedShareOfActiveDays'])]
        qualifying.sort(key=lambda c: (-mapped[c], c.encode('utf-16-be')))
        cap = policy['maxWorkstationsPerDevice'][d['kind']]
        verified = not reasons
        result = {'deviceId': d['deviceId'], 'projectId': d['projectId'], 'activeDays': len(active), 'verified': verified,
                  'reasons': reasons, 'workstations': qualifying[:cap], 'overClaimed': qualifying[cap:], 'unregistered': unregistered}
        if require_tpm is not None:
            result['attestation'] = level
        if seal is not None:
            result['sealedActiveDays'] = sealed_active
        results.append(result)
        if not verified:
            continue
        per_code = claims.setdefault(d['enterpriseId'], {})
        for c in qualifying[:cap]:
            best = per_code.get(c)
            if best is None or mapped[c] > best[1] or (mapped[c] == best[1] and d['projectId'].encode('utf-16-be') < best[0].encode('utf-16-be')):
                per_code[c] = (d['projectId'], mapped[c], node_level)
    nodes = {}
    by_level = {'tpm': 0, 'software': 0}
    for per_code in claims.values():
        for c, (pid, _, lvl) in per_code.items():
            nodes.setdefault(pid, []).append(c)
            by_level[lvl] += 1
    evidence_by_id = {d['deviceId']: d for d in devices}
    out_projects = []
    for p in sorted(projects, key=lambda p: p['projectId'].encode('utf-16-be')):
        devs = [r for r in results if r['projectId'] == p['projectId']]
        certified = sorted(nodes.get(p['projectId'], []), key=lambda c: c.encode('utf-16-be'))
        award_fen, limited = award(p, len(certified), policy['award'])
        flagged = []
        for r in devs:
            fl = [{'kind': f['kind'], 'reason': f['reason']} for f in evidence_by_id[r['deviceId']]['flags']]
            if fl:
                flagged.append({'deviceId': r['deviceId'], 'flags': fl})
        out_projects.append({'projectId': p['projectId'], 'enterpriseId': p['enterpriseId'], 'totalInvestmentFen': p['totalInvestmentFen'],
                             'eligibleInvestmentFen': p['eligibleInvestmentFen'], 'devices': len(devs),
                             'verifiedDevices': [r['deviceId'] for r in devs if r['verified']], 'flaggedDevices': flagged,
                             'certifiedNodes': len(certified), 'certifiedWorkstations': certified, 'awardFen': award_fen, 'awardLimitedBy': limited})
    enterprises = {}
    for p in out_projects:
        e = enterprises.setdefault(p['enterpriseId'], {'enterpriseId': p['enterpriseId'], 'projects': 0, 'certifiedNodes': 0, 'awardFen': 0})
        e['projects'] += 1
        e['certifiedNodes'] += p['certifiedNodes']
        e['awardFen'] += p['awardFen']
    totals = {'projects': len(out_projects), 'devices': len(results), 'verifiedDevices': sum(1 for r in results if r['verified']),
              'certifiedNodes': sum(p['certifiedNodes'] for p in out_projects), 'awardFen': sum(p['awardFen'] for p in out_projects)}
    if policy.get('requireTpm') is not None:
        totals['certifiedNodesByAttestation'] = by_level
    return {
        'windowDays': window_days,
        'devices': results,
        'projects': out_projects,
        'enterprises': sorted(enterprises.values(), key=lambda e: e['enterpriseId'].encode('utf-16-be')),
        'totals': totals,
    }


# Spec 11: the award.
def award(p, nodes, rule):
    if p['totalInvestmentFen'] < rule['minTotalInvestmentFen']:
        return 0, 'minimum_investment'
    share = p['eligibleInvestmentFen'] * rule['maxShareOfEligible']['num'] // rule['maxShareOfEligible']['den']
    best = (share, 'share_of_eligible')
    for c in ((rule['maxPerProjectFen'], 'per_project_cap'), (rule['maxPerNodeFen'] * nodes, 'per_node_cap')):
        if c[0] < best[0]:
            best = c
    return best


# "Runs and reports": the on-site sample.
def sample(results, policy, report_hash, bureau_value):
    seed = sha256hex('%s:%s' % (report_hash, bureau_value))
    passed = [p for p in results['projects'] if p['awardFen'] > 0]
    share = policy['onSiteCheck']['minProjectShare']
    k = -(-len(passed) * share['num'] // share['den'])
    ranked = sorted(passed, key=lambda p: sha256hex('%s:%s' % (seed, p['projectId'])))
    return seed, [p['projectId'] for p in ranked[:k]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--report', required=True)
    ap.add_argument('--evidence', required=True)
    ap.add_argument('--policies', default=os.path.join(os.path.dirname(__file__), '..', 'docs', 'policies'))
    a = ap.parse_args()
    with open(a.report, encoding='utf-8') as f:
        report = json.load(f)
    with open(a.evidence, encoding='utf-8') as f:
        lines = [l for l in f.read().split('\n') if l]
    policies = {}
    for name in os.listdir(a.policies):
        if name.endswith('.json'):
            with open(os.path.join(a.policies, name), encoding='utf-8') as f:
                p = json.load(f)
            policies[p['version']] = p
    body = report['body']
    att = report['attestation']
    problems = []
    policy = policies.get(body['policy']['version'])
    if policy is None:
        print(json.dumps({'problems': ['policy %s is not published' % body['policy']['version']]}))
        return 1
    if canonical(policy) != canonical(body['policy']):
        problems.append('body.policy differs from the published %s' % policy['version'])
    body_hash = sha256hex(canonical(body))
    if body_hash != att['bodyHash']:
        problems.append('body hash %s differs from the attested %s' % (body_hash, att['bodyHash']))
    root = merkle_root(lines)
    if root != att['evidenceRoot']:
        problems.append('evidence root %s differs from the attested %s' % (root, att['evidenceRoot']))
    inputs = body['inputs']
    # v3 (docs/certification.md "Approved figures"): each counted project carries its approval's figures.
    if body.get('format') == 'edgenet-certification-v3':
        approved = {a['projectId']: a for a in inputs.get('approvals', [])}
        for p in inputs['projects']:
            a = approved.get(p['projectId'])
            if a is None or (a['totalInvestmentFen'], a['eligibleInvestmentFen']) != (p['totalInvestmentFen'], p['eligibleInvestmentFen']):
                problems.append('project %s is counted without its approved figures' % p['projectId'])
        if set(approved) != {p['projectId'] for p in inputs['projects']}:
            problems.append('the approvals are not those of the counted projects')
    results = recount(policy, body['window'], inputs['projects'], inputs['registeredWorkstations'], [json.loads(l) for l in lines])
    if canonical(results) != canonical(body['results']):
        problems.append('recounted results differ from the report')
    picked = None
    if 'sample' in report:
        seed, picked = sample(results, policy, sha256hex(canonical(att)), report['sample']['bureauValue'])
        if seed != report['sample']['seed'] or picked != [p['projectId'] for p in report['sample']['projects']]:
            problems.append('the redrawn sample differs from the report')
    print(json.dumps({'bodyHash': body_hash, 'evidenceRoot': root, 'results': canonical(results), 'sample': picked, 'problems': problems},
                     ensure_ascii=False))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
