// One busy function stops everything: the event loop runs one thing at a time.
// Run it: npx tsx docs/examples/blocking.ts
const start = Date.now();
const now = () => `${String(Date.now() - start).padStart(4)} ms`;

// Every 500 ms, a timer says "tick": think of it as a client's message.
const timer = setInterval(() => console.log(`${now()}  tick`), 500);

setTimeout(() => {
  console.log(`${now()}  busy for 2 seconds, without ever waiting`);
  while (Date.now() - start < 3200) {
    // Nothing else can run until this loop ends: no timer, no socket.
  }
  console.log(`${now()}  done`);
}, 1200);

setTimeout(() => clearInterval(timer), 4600);
