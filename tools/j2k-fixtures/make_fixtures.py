#!/usr/bin/python3
"""Generates the JPEG 2000 test fixtures of medai-imaging's J2K decoder.

Synthetic images only (fixed numpy seeds: smooth pattern plus noise), encoded with OpenJPEG's
opj_compress under a spread of options. For each fixture it writes NAME.j2k (or .jp2) and one line
of expected.tsv:

  name  columns  rows  components  precision  signed  lossless  crc32

crc32 is the CRC32 of the stored values (little-endian, 1 byte per sample up to 8 bits else 2,
samples interleaved): for lossless fixtures the ORIGINAL samples (checked here to equal
opj_decompress's output too), for lossy ones opj_decompress's output (OpenJPEG 2.5), which the Java
decoder must reproduce exactly.

Two fixtures move the packet headers of an SOP/EPH stream into PPT (tile-part header) and PPM
(main header) marker segments, which opj_compress cannot write itself.

Usage: /usr/bin/python3 tools/j2k-fixtures/make_fixtures.py [OUT_DIR]
"""
import os
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), '..', '..', 'medai-imaging', 'src', 'test', 'resources', 'org', 'medai', 'imaging',
    'internal', 'codec', 'j2k')


def image(seed, w, h, comps, prec, signed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    planes = []
    for c in range(comps):
        smooth = 0.5 + 0.25 * np.sin(x / (5.0 + 3 * c)) * np.cos(y / (7.0 + c)) + 0.2 * (x + 2 * y) / (w + 2 * h)
        noise = rng.normal(0, 0.04, (h, w))
        v = np.clip(smooth + noise, 0, 1)
        v[rng.random((h, w)) < 0.01] = 1.0  # sparse outliers reach the maximum
        top = (1 << prec) - 1
        q = np.round(v * top).astype(np.int64)
        if signed:
            q -= 1 << (prec - 1)
        planes.append(q)
    return np.stack(planes, axis=-1)  # h, w, comps


def stored(a, prec):
    dt = '<i1' if prec <= 8 else '<i2'
    if prec <= 8:
        return (a & 0xFF).astype(np.uint8).tobytes() if a.min() >= 0 else a.astype('<i1').tobytes()
    return a.astype(dt).tobytes()


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit('failed: ' + ' '.join(cmd) + '\n' + r.stdout + r.stderr)


def opj_decode(path, w, h, comps, prec, signed, tmp):
    out = os.path.join(tmp, 'dec.rawl')
    run(['opj_decompress', '-i', path, '-o', out])
    bps = 1 if prec <= 8 else 2
    planar = np.fromfile(out, dtype='<u1' if bps == 1 else '<u2').astype(np.int64) & ((1 << prec) - 1)
    if signed:  # opj writes signed samples of fewer than 16 bits masked to their precision
        planar = (planar ^ (1 << (prec - 1))) - (1 << (prec - 1))
    return planar.reshape(comps, h, w).transpose(1, 2, 0)


def split_packets(cs):
    """Splits an SOP/EPH single-tile-part codestream into (main, tile-part header, headers, bodies)."""
    sot = cs.index(b'\xff\x90')
    sod = cs.index(b'\xff\x93', sot)
    psot = struct.unpack('>I', cs[sot + 6:sot + 10])[0]
    data = cs[sod + 2:sot + psot]
    heads, bodies = [], []
    p = 0
    while p < len(data):
        assert data[p:p + 2] == b'\xff\x91'
        eph = data.index(b'\xff\x92', p + 6)
        nxt = data.find(b'\xff\x91', eph + 2)
        nxt = len(data) if nxt < 0 else nxt
        heads.append(data[p + 6:eph + 2])
        bodies.append(data[p:p + 6] + data[eph + 2:nxt])
        p = nxt
    return cs[:sot], cs[sot:sod], b''.join(heads), b''.join(bodies), cs[sot + psot:]


def with_ppt(cs):
    main, tph, heads, bodies, rest = split_packets(cs)
    ppt = b'\xff\x61' + struct.pack('>HB', 3 + len(heads), 0) + heads
    tph = tph + ppt
    tp = tph + b'\xff\x93' + bodies
    tp = tp[:6] + struct.pack('>I', len(tp)) + tp[10:]
    return main + tp + rest


def with_ppm(cs):
    main, tph, heads, bodies, rest = split_packets(cs)
    payload = struct.pack('>I', len(heads)) + heads
    ppm = b'\xff\x60' + struct.pack('>HB', 3 + len(payload), 0) + payload
    tp = tph + b'\xff\x93' + bodies
    tp = tp[:6] + struct.pack('>I', len(tp)) + tp[10:]
    return main + ppm + tp + rest


# name, (w, h, comps, prec, signed), opj_compress options, lossless, post-processing
FIXTURES = [
    ('g8_lossless_default', (67, 45, 1, 8, False), [], True, None),
    ('g8_lossless_n1_nolevels', (31, 17, 1, 8, False), ['-n', '1'], True, None),
    ('g12_lossless_tiles_odd', (67, 45, 1, 12, False), ['-t', '23,19', '-n', '3'], True, None),
    ('g16u_lossless_rpcl_precincts', (64, 48, 1, 16, False), ['-p', 'RPCL', '-c', '[16,16],[8,8]', '-b', '8,8', '-n', '4'],
     True, None),
    ('g16s_lossless_pcrl_bypass', (45, 67, 1, 16, True), ['-p', 'PCRL', '-M', '1', '-n', '5'], True, None),
    ('g12s_lossless_cprl_reset_termall', (40, 33, 1, 12, True), ['-p', 'CPRL', '-M', '6', '-b', '16,16'], True, None),
    ('g8_lossless_vsc_erterm_segmark', (50, 37, 1, 8, False), ['-M', '56', '-b', '32,16'], True, None),
    ('g8_lossless_allstyles_layers', (48, 40, 1, 8, False), ['-M', '63', '-r', '20,5,1', '-p', 'RLCP'], True, None),
    ('g10s_lossless_offsets', (37, 29, 1, 10, True), ['-d', '5,3', '-t', '16,16', '-T', '2,1', '-n', '3'], True, None),
    ('rgb8_lossless_rct_sop_eph', (33, 27, 3, 8, False), ['-SOP', '-EPH', '-mct', '1', '-n', '4'], True, None),
    ('rgb12_lossless_nomct_poc', (40, 32, 3, 12, False),
     ['-mct', '0', '-n', '4', '-POC', 'T1=0,0,1,2,3,CPRL/T1=2,0,1,4,3,LRCP'], True, None),
    ('g16u_lossless_tileparts_plt_tlm', (64, 40, 1, 16, False), ['-TP', 'R', '-PLT', '-TLM', '-t', '32,32', '-n', '4'], True,
     None),
    ('g8_lossless_roi_shift', (41, 30, 1, 8, False), ['-ROI', 'c=0,U=6', '-n', '5'], True, None),
    ('g8_lossless_ppt', (35, 28, 1, 8, False), ['-SOP', '-EPH', '-n', '3', '-r', '10,1'], True, 'ppt'),
    ('g8_lossless_ppm', (35, 28, 1, 8, False), ['-SOP', '-EPH', '-n', '3', '-p', 'RPCL'], True, 'ppm'),
    ('g8_lossless_jp2_wrapped', (29, 23, 1, 8, False), ['-n', '4'], True, 'jp2'),
    ('g8s_lossless_rlcp_cb4', (26, 21, 1, 8, True), ['-p', 'RLCP', '-b', '4,4', '-n', '3'], True, None),
    ('g8s_lossy97_layers', (36, 28, 1, 8, True), ['-I', '-r', '20,6', '-n', '3', '-SOP'], False, None),
    ('g16s_lossy97_n6', (96, 80, 1, 16, True), ['-I', '-r', '12', '-n', '6'], False, None),
    ('g12_lossy97_layers_tiles', (67, 45, 1, 12, False), ['-I', '-r', '40,15,6', '-t', '32,24', '-n', '3'], False, None),
    ('g8_lossy97_n1', (30, 22, 1, 8, False), ['-I', '-n', '1', '-r', '4'], False, None),
    ('g8_lossy97_odd_offsets', (43, 31, 1, 8, False), ['-I', '-r', '5', '-d', '3,7', '-n', '4'], False, None),
    ('g16u_lossy97_allstyles_precincts', (64, 48, 1, 16, False),
     ['-I', '-r', '8', '-M', '63', '-c', '[32,32],[16,16]', '-b', '16,16', '-p', 'PCRL'], False, None),
    ('rgb8_lossy97_ict', (40, 30, 3, 8, False), ['-I', '-r', '10', '-mct', '1', '-n', '4'], False, None),
    ('g8_lossy53_truncated', (48, 36, 1, 8, False), ['-r', '6', '-n', '4'], False, None),
    ('g16s_lossy53_layers', (40, 40, 1, 16, True), ['-r', '30,8', '-M', '4', '-n', '5'], False, None),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed, (name, (w, h, comps, prec, signed), opts, lossless, post) in enumerate(FIXTURES):
            img = image(1000 + seed, w, h, comps, prec, signed)
            raw = os.path.join(tmp, 'in.rawl')
            bps = 1 if prec <= 8 else 2
            dt = ('<i1' if signed else '<u1') if bps == 1 else ('<i2' if signed else '<u2')
            img.transpose(2, 0, 1).astype(dt).tofile(raw)  # opj raw input is planar
            ext = '.jp2' if post == 'jp2' else '.j2k'
            enc = os.path.join(tmp, 'out' + ext)
            run(['opj_compress', '-i', raw, '-o', enc, '-F', '%d,%d,%d,%d,%s' % (w, h, comps, prec, 's' if signed else 'u')]
                + opts)
            data = open(enc, 'rb').read()
            if post == 'ppt':
                data = with_ppt(data)
            elif post == 'ppm':
                data = with_ppm(data)
            path = os.path.join(OUT, name + ext)
            with open(path, 'wb') as f:
                f.write(data)
            dec = opj_decode(path, w, h, comps, prec, signed, tmp)
            if lossless:
                if not np.array_equal(dec, img):
                    raise SystemExit(name + ': opj_decompress does not return the original samples')
                ref = img
            else:
                ref = dec
            crc = zlib.crc32(ref.astype(dt).tobytes())
            lines.append('\t'.join(str(v) for v in (name + ext, w, h, comps, prec, int(signed), int(lossless), crc)))
            print('%-36s %6d bytes' % (name + ext, len(data)))
    with open(os.path.join(OUT, 'expected.tsv'), 'w') as f:
        f.write('# name\tcolumns\trows\tcomponents\tprecision\tsigned\tlossless\tcrc32 (made by tools/j2k-fixtures/make_fixtures.py)\n')
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
