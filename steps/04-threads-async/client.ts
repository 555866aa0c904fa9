// Step 04: the keyboard and the socket at the same time, without threads.
// The manual starts a receive thread and a write thread; in Node, both are
// listeners on one event loop, which waits for whichever speaks first.
// New since step 03: when either side ends, the program ends.
import net from 'node:net';
import readline from 'node:readline/promises';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);

// #region nickname
// terminal: false leaves Ctrl+C to the terminal, which stops the program.
const keyboard = readline.createInterface({
  input: process.stdin,
  output: process.stdout,
  terminal: false,
});
const nickname = await keyboard.question('choose a nickname: ');
// #endregion nickname

// #region connect
const client = net.connect(port, host);
// #endregion connect

// #region receive
// Data arrives as a Buffer of bytes: decode it to text before looking at it.
client.on('data', (data) => {
  const message = data.toString();
  if (message === 'NICK') {
    // The server asks who we are: answer with the nickname alone.
    client.write(nickname);
  } else {
    console.log(message);
  }
});
// #endregion receive

// #region write
// readline hands us one line each time you press Enter.
keyboard.on('line', (line) => {
  // write() turns the text into bytes, in UTF-8 (the manual uses ASCII: no 'é').
  // Flaw kept from the manual: the client signs its own messages, so it
  // could sign them with any name at all. final/ lets the server do it.
  client.write(`${nickname}: ${line}`);
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

// #region close
// You closed the keyboard (Ctrl+D): say goodbye to the server politely.
let leaving = false;
keyboard.on('close', () => {
  leaving = true;
  client.end();
});
// The connection is over: nothing left to do, so the program ends.
client.on('close', () => {
  if (!leaving) console.error('The server closed the connection.');
  process.exit(leaving ? 0 : 1);
});
// #endregion close
