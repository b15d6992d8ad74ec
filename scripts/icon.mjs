// Draws media/icon.png (256×256): a server (the NAS) with three network-booted machines below it.
// Plain Node (zlib + a PNG writer), so the icon is reproducible without image tools: node scripts/icon.mjs
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const W = 256;
const px = Buffer.alloc(W * W * 4);
const set = (x, y, [r, g, b, a]) => {
  if (x < 0 || y < 0 || x >= W || y >= W) return;
  const i = (y * W + x) * 4;
  px.set([r, g, b, a], i);
};
const rect = (x0, y0, x1, y1, c) => {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) set(x, y, c);
};
const round = (x0, y0, x1, y1, r, c) => {
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const dx = Math.max(x0 + r - x, 0, x - (x1 - r - 1));
      const dy = Math.max(y0 + r - y, 0, y - (y1 - r - 1));
      if (dx * dx + dy * dy <= r * r) set(x, y, c);
    }
};
const blue = [31, 111, 235, 255];
const white = [255, 255, 255, 255];
const green = [63, 185, 80, 255];
round(8, 8, 248, 248, 44, blue);
round(52, 44, 204, 110, 10, white); // the NAS
round(68, 66, 84, 82, 8, green); // its light
rect(100, 70, 188, 78, blue); // drive slots
rect(100, 84, 188, 92, blue);
rect(123, 110, 133, 140, white); // network
rect(56, 136, 200, 146, white);
for (const x of [56, 123, 190]) rect(x, 146, x + 10, 168, white);
for (const x of [34, 101, 168]) round(x, 168, x + 54, 214, 8, white); // three machines
for (const x of [34, 101, 168]) rect(x + 10, 180, x + 44, 200, blue);

const crc32 = (buf) => {
  let c,
    crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(W, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const raw = Buffer.concat(
  Array.from({ length: W }, (_, y) => Buffer.concat([Buffer.from([0]), px.subarray(y * W * 4, (y + 1) * W * 4)])),
);
writeFileSync(
  'media/icon.png',
  Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
console.log('media/icon.png written');
