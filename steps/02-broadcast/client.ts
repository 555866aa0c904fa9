// Step 02: a client that sends what you type and prints what it receives.
// New since step 01: reading the keyboard, line by line, and sending each line.
import net from 'node:net';
import readline from 'node:readline';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);

// #region connect
const client = net.connect(port, host);
// #endregion connect

// Data arrives as a Buffer of bytes: decode it to text before printing.
client.on('data', (data) => {
  console.log(data.toString());
});

// #region write
// readline hands us one line each time you press Enter.
const keyboard = readline.createInterface({ input: process.stdin });
keyboard.on('line', (line) => {
  // write() turns the text into bytes, in UTF-8 (the manual uses ASCII: no 'é').
  client.write(line);
});
// #endregion write

// #region errors
client.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'ECONNREFUSED') {
    console.error(`No server at ${host}:${port}: start the server first.`);
  } else {
    console.error(`Connection error: ${err.message}`);
  }
  process.exit(1);
});
// #endregion errors
