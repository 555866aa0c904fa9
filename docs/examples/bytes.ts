// Text is made of characters, a socket carries bytes.
// Run it: npx tsx docs/examples/bytes.ts
const text = 'café';
console.log(text.length, 'characters');

// Encode: characters to bytes. UTF-8 writes "é" as two bytes, c3 a9.
const bytes = Buffer.from(text, 'utf8');
console.log(bytes, bytes.length, 'bytes');

// Decode: bytes to characters.
console.log(bytes.toString('utf8'));

// Node's 'ascii' does not refuse "é" as Python does: it silently writes e9.
console.log(Buffer.from(text, 'ascii'));

// A chunk may end in the middle of a character: each half decodes to "�".
const first = bytes.subarray(0, 4);
const second = bytes.subarray(4);
console.log(first.toString() + second.toString());
