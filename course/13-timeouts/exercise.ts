import type { Exercise } from '../types.ts';

export const exercise: Exercise = {
  from: 'course/12-slow-reader/reference',
  todos: [
    {
      file: 'server.ts',
      after: "const MAX_OUTPUT = setting('MAX_OUTPUT', 1024 * 1024);",
      text: {
        en: 'Read NICK_TIMEOUT (20), IDLE_TIMEOUT (120) and PING_TIMEOUT (20), in seconds, decimals allowed (the checks use 0.5). Remember, per client, when it connected, when it last sent a line, and when it was pinged.',
        fr: 'Lisez NICK_TIMEOUT (20), IDLE_TIMEOUT (120) et PING_TIMEOUT (20), en secondes, décimales permises (les vérifications prennent 0.5). Notez, par client, quand il s’est connecté, quand il a envoyé sa dernière ligne, et quand il a été sondé.',
      },
    },
    {
      file: 'server.ts',
      before: 'server.listen(port, host, () => {',
      text: {
        en: 'One timer for all clients (setInterval, unref()): no nickname after NICK_TIMEOUT: "*** error nick-timeout", close. Silent for IDLE_TIMEOUT: send "*** ping"; any line answers it; no line within PING_TIMEOUT: destroy, and announce "*** left <nick> timeout". "/pong" answers and says nothing; the flood guard does not count it.',
        fr: 'Un seul minuteur pour tous (setInterval, unref()) : pas de pseudo après NICK_TIMEOUT : « *** error nick-timeout », fermez. Silencieux depuis IDLE_TIMEOUT : envoyez « *** ping » ; toute ligne y répond ; rien avant PING_TIMEOUT : détruisez, et annoncez « *** left <pseudo> timeout ». « /pong » répond sans rien dire ; la garde anti-rafale ne le compte pas.',
      },
    },
  ],
};
