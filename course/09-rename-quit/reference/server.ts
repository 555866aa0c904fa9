// Challenge 09: /nick to change names, /quit to leave with a word.
// Built from challenge 08. New: /nick checks and takes a new name as the
// handshake does, and tells everyone; /quit says goodbye, closes, and does not
// let a client that keeps its side of the connection open (nc does) stay in
// the room.
import net from 'node:net';

// #region settings
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 55555);

/** A number from the environment (MAX_LINE=2048), or its default; nonsense is one clear line. */
function setting(name: string, fallback: number): number {
  const given = process.env[name];
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!(value > 0)) {
    console.error(`${name} must be a positive number, not "${given}".`);
    process.exit(2);
  }
  return value;
}

/** The longest line accepted, in bytes, its "\n" (or "\r\n") not counted. */
const MAX_LINE = setting('MAX_LINE', 1024);
// #endregion settings

// #region clients
/** One connection: its nickname is '' until the handshake is over. */
interface Client {
  socket: net.Socket;
  nick: string;
  /** The nickname as compared: "Zoé", "ZOÉ" and "Zoe" + U+0301 have the same key. */
  key: string;
  /** Why it left, known before 'close' (which says nothing of why). */
  reason?: string;
  /** Its last words, from /quit. */
  message?: string;
}

/** How long a client told goodbye may keep its side open before it is cut. */
const QUIT_GRACE_MS = 2000;

/** Every connection, in the room or still giving its nickname. */
const clients = new Set<Client>();

/** The people in the room: the clients past the handshake. */
function members(): Client[] {
  return [...clients].filter((client) => client.nick !== '');
}

/** Send one line to one client. */
function send(client: Client, line: string) {
  client.socket.write(`${line}\n`);
}

/** Send one line to everyone in the room, the sender included. */
function broadcast(line: string) {
  for (const member of members()) send(member, line);
}
// #endregion clients

// #region nicknames
/** Letters of any script (with their accents), digits, "_" or "-"; 1 to 16 of them. */
const VALID_NICK = /^[\p{L}\p{M}\p{N}_-]+$/u;
const MAX_NICK = 16;

/** Two nicknames are the same when their keys are: one encoding of accents (NFC), no case. */
function nickKey(nick: string): string {
  return nick.normalize('NFC').toLowerCase();
}

/** The member with this key, if any. */
function findMember(key: string): Client | undefined {
  return members().find((member) => member.key === key);
}

/** Why `client` cannot be called `nick`, as the error notice to send; undefined if it can. */
function refusal(client: Client, nick: string): string | undefined {
  const length = [...nick].length; // code points, not UTF-16 units: "李雷" is 2
  if (length < 1 || length > MAX_NICK) return '*** error nick-invalid length';
  if (!VALID_NICK.test(nick)) return '*** error nick-invalid characters';
  const owner = findMember(nickKey(nick));
  if (owner && owner !== client) return `*** error nick-taken ${nick}`;
  return undefined;
}
// #endregion nicknames

// #region framing
/**
 * A line reader: give it the bytes as they come (push), it calls `line` once
 * per complete line, without its ending. An unfinished line waits for its
 * end; one that grows past MAX_LINE calls `tooLong` and is skipped up to its
 * "\n", so a client sending gigabytes without a newline costs nothing.
 */
function lineReader(line: (bytes: Buffer) => void, tooLong: () => void) {
  let pending = Buffer.alloc(0); // the start of an unfinished line
  let skipping = false; // inside a line that was too long
  return function push(chunk: Buffer) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, end);
      start = end + 1;
      if (skipping) {
        skipping = false; // the end of the long line: the next one is fine
        continue;
      }
      let bytes = pending.length > 0 ? Buffer.concat([pending, piece]) : piece;
      pending = Buffer.alloc(0);
      if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1); // "\r\n": telnet, Windows
      if (bytes.length > MAX_LINE) tooLong();
      else line(bytes);
    }
    if (skipping) return;
    const rest = chunk.subarray(start);
    // MAX_LINE + 1: a line of exactly MAX_LINE bytes may still wait for its "\r\n".
    if (pending.length + rest.length > MAX_LINE + 1) {
      skipping = true;
      pending = Buffer.alloc(0);
      tooLong();
    } else if (rest.length > 0) {
      pending = Buffer.concat([pending, rest]); // a copy: the chunk is not kept
    }
  };
}
// #endregion framing

// #region accept
const server = net.createServer((socket) => {
  const address = `${socket.remoteAddress}:${socket.remotePort}`;
  const client: Client = { socket, nick: '', key: '' };
  clients.add(client);
  console.log(`Connected with ${address}`);
  send(client, 'NICK');
  const push = lineReader(
    (bytes) => onLine(client, bytes.toString()),
    () => send(client, `*** error too-long ${MAX_LINE}`),
  );
  socket.on('data', push);
  // "error": the connection was reset; then comes "close". A clean end is "closed".
  socket.on('error', (err) => {
    client.reason ??= 'reset';
    console.log(`${address}: ${err.message}`);
  });
  socket.on('close', () => {
    clients.delete(client);
    if (client.nick === '') return; // it left before giving a nickname
    const reason = client.reason ?? 'closed';
    console.log(`${client.nick} left (${reason})`);
    broadcast(`*** left ${client.nick} ${reason}${client.message ? ` :${client.message}` : ''}`);
  });
});
// #endregion accept

// #region lines
/** One line from a client: its nickname first, then its messages. */
function onLine(client: Client, line: string) {
  if (client.nick === '') return join(client, line.trim().normalize('NFC'));
  if (line === '') return; // an empty line says nothing
  if (line.startsWith('/') && !line.startsWith('//')) return command(client, line.slice(1));
  // The server signs: the name comes from the connection, never from the text.
  broadcast(`${client.nick}: ${line.startsWith('//') ? line.slice(1) : line}`);
}
// #endregion lines

// #region commands
/** What /help says: one line per command. */
const HELP: [string, string][] = [
  ['list', '/list  who is online'],
  ['me', '/me <action>  an action: "* <you> <action>"'],
  ['msg', '/msg <nickname> <text>  a private message'],
  ['nick', '/nick <new>  change your nickname'],
  ['quit', '/quit [<reason>]  leave'],
  ['help', '/help  this list'],
];

/** "/msg bob hi there": its name ("msg", any case), then its words. */
function command(client: Client, text: string) {
  const [name = '', ...words] = text.split(' ');
  const rest = words.join(' ');
  switch (name.toLowerCase()) {
    case 'list': {
      const nicks = members()
        .map((member) => member.nick)
        .sort((a, b) => nickKey(a).localeCompare(nickKey(b)));
      return send(client, `*** online ${nicks.join(' ')}`);
    }
    case 'me':
      if (rest.trim() === '') return send(client, '*** error usage me');
      return broadcast(`* ${client.nick} ${rest}`);
    case 'msg': {
      const [to = '', ...message] = words;
      if (to === '' || message.join(' ').trim() === '') return send(client, '*** error usage msg');
      const recipient = findMember(nickKey(to));
      if (!recipient) return send(client, `*** error no-such-nick ${to}`);
      // To the recipient and, as an echo, to the sender: nobody else.
      const line = `${client.nick} -> ${recipient.nick}: ${message.join(' ')}`;
      send(recipient, line);
      if (recipient !== client) send(client, line);
      return;
    }
    case 'nick': {
      const nick = rest.trim().normalize('NFC');
      if (nick === '') return send(client, '*** error usage nick');
      const refused = refusal(client, nick);
      if (refused) return send(client, refused);
      broadcast(`*** renamed ${client.nick} ${nick}`);
      console.log(`${client.nick} is now ${nick}`);
      client.nick = nick;
      client.key = nickKey(nick);
      return;
    }
    case 'quit':
      return quit(client, 'quit', rest.trim());
    case 'help':
      for (const [what, usage] of HELP) send(client, `*** help ${what} :${usage}`);
      return;
    default:
      return send(client, `*** error unknown-command ${name}`);
  }
}
// #endregion commands

// #region quit
/** Say goodbye: the reason is announced when the connection closes. */
function quit(client: Client, reason: string, message = '') {
  client.reason ??= reason;
  client.message = message;
  client.socket.end();
  // A client may keep its side open (nc does): it must not keep its place.
  setTimeout(() => client.socket.destroy(), QUIT_GRACE_MS).unref();
}
// #endregion quit

// #region join

/** The handshake's answer: the client enters the room. */
function join(client: Client, nick: string) {
  const refused = refusal(client, nick);
  if (refused) {
    send(client, refused);
    return send(client, 'NICK'); // and ask again
  }
  send(client, `*** welcome ${nick} ${members().length + 1}`);
  broadcast(`*** joined ${nick}`);
  client.nick = nick;
  client.key = nickKey(nick);
  console.log(`${nick} joined from ${client.socket.remoteAddress}:${client.socket.remotePort}`);
}
// #endregion join

// #region listen
server.listen(port, host, () => {
  console.log(`Server listening on ${host}:${port}`);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use: stop the other server or choose another PORT.`);
  } else {
    console.error(`Cannot listen on ${host}:${port}: ${err.message}`);
  }
  process.exit(1);
});
// #endregion listen
