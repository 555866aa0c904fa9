/**
 * Everything the client says, in English and in French. The server sends
 * codes (`*** left alice timeout`); the client turns them into sentences in
 * the user's language. French typography: a no-break space before : ; ! ?
 */
import type { Lang } from './lang.ts';
import { type Usage, usageLine } from './launch.ts';
import type { CommandName, ErrorCode, LeaveReason } from './protocol.ts';

export { pickLang, type Lang } from './lang.ts';

/** The words of one language. Keyed on the protocol's own types: a code without its sentence does not compile. */
export interface Messages {
  /** --help, with how this copy starts the client (launch.ts). */
  usage: (run: Usage) => string;
  askNick: string;
  askPassword: string;
  untrusted: (where: string) => string;
  wrongHost: (host: string) => string;
  tlsFailed: (why: string) => string;
  notTls: (where: string) => string;
  /** The --ca file cannot be read (`why`: the system's error code), or is not a certificate. */
  caUnreadable: (file: string, why: string) => string;
  caInvalid: (file: string) => string;
  /** Said before a password is sent over a connection that is not encrypted. */
  clearPassword: string;
  operator: (nick: string) => string;
  kicked: (nick: string, by: string, why: string) => string;
  muted: (nick: string, by: string) => string;
  unmuted: (nick: string, by: string) => string;
  connecting: (where: string) => string;
  /** `start`: the command that starts the server (launch.ts). */
  refused: (where: string, start: string) => string;
  unknownHost: (host: string) => string;
  unreachable: (where: string, why: string) => string;
  lost: string;
  closedByServer: string;
  badArgs: (why: string) => string;
  welcome: (nick: string, n: number) => string;
  joined: (nick: string) => string;
  left: (nick: string, why?: string) => string;
  reasons: Record<LeaveReason, string>;
  renamed: (old: string, nick: string) => string;
  online: (nicks: string[]) => string;
  privateTag: string;
  shutdown: string;
  split: string;
  whole: string;
  /** Each command's syntax and what it does, for /help. The server sends the English ones. */
  help: Record<CommandName, [usage: string, what: string]>;
  errors: Record<ErrorCode, (arg?: string) => string>;
  /** /bans, for operators: how many, then one line each. */
  bans: (n: number) => string;
  ban: (n: string, address: string, nick: string, seconds: string, reason: string) => string;
  unbanned: (address: string, by: string) => string;
}

/** "#1 alice, #2 bob": an operator can /kick #2 a name they cannot type. */
const numbered = (nicks: string[]) => nicks.map((nick, i) => `#${i + 1} ${nick}`).join(', ');

const people = (lang: Lang, n: number) => (lang === 'fr' ? `${n} personne${n > 1 ? 's' : ''} en ligne` : `${n} ${n === 1 ? 'person' : 'people'} online`);

// Why a nickname was refused (the argument of the nick-invalid error, see nick.ts).
const nickRules: Record<Lang, Record<string, string>> = {
  en: {
    length: 'A nickname has 1 to 16 characters.',
    invisible: 'A nickname cannot hold invisible characters (zero-width spaces, fillers, variation selectors).',
    characters: 'A nickname holds only letters, digits, "_" and "-".',
    marks: 'An accent must sit on a letter, without piling up.',
    letter: 'A nickname needs at least one letter or digit.',
    scripts: 'A nickname is written in one script (Latin, Cyrillic, Greek...), not a mix; digits, "_" and "-" go with any.',
    '': 'Nicknames have 1 to 16 letters, digits, "_" or "-".',
  },
  fr: {
    length: 'Un pseudo compte de 1 à 16 caractères.',
    invisible: 'Un pseudo ne peut pas contenir de caractères invisibles (espaces sans chasse, remplissages, sélecteurs de variante).',
    characters: 'Un pseudo ne contient que des lettres, des chiffres, « _ » et « - ».',
    marks: 'Un accent doit porter sur une lettre, sans s’empiler.',
    letter: 'Un pseudo doit contenir au moins une lettre ou un chiffre.',
    scripts: 'Un pseudo n’emploie qu’une seule écriture (latine, cyrillique, grecque…), sans mélange ; les chiffres, « _ » et « - » vont avec toutes.',
    '': 'Un pseudo compte de 1 à 16 lettres, chiffres, « _ » ou « - ».',
  },
};

const en: Messages = {
  usage: (run) => `Usage: ${usageLine(run, 'or:')}

Options (environment variable in brackets):
  --host HOST     server address [HOST] (default 127.0.0.1)
  --port PORT     server port [PORT] (default 55555)
  --nick NAME     nickname to ask for first
  --tls           encrypt the connection (the server needs --tls-cert)
  --ca FILE       trust this certificate (the class's) for --tls
  --lang en|fr    language (default: from LANG)
  -h, --help      show this help

The room password, if there is one, is asked without showing it, or read
from CHAT_PASSWORD. In the chat, type a message and press Enter; /help lists
the commands.`,
  askNick: 'Choose a nickname: ',
  askPassword: 'Room password: ',
  untrusted: (where: string) => `The certificate of ${where} is not trusted: give the class certificate with --ca FILE.`,
  wrongHost: (host: string) => `The server's certificate is not for "${host}": check --host, or ask for a certificate that names it.`,
  tlsFailed: (why: string) => `Secure connection failed: ${why}`,
  notTls: (where: string) => `${where} does not speak TLS: connect without --tls.`,
  caUnreadable: (file: string, why: string) =>
    `Cannot read the certificate given with --ca (${file}): ${why === 'ENOENT' ? 'no such file' : why === 'EACCES' ? 'permission denied' : 'unreadable'} (${why}).`,
  caInvalid: (file: string) => `${file} (--ca) is not a certificate in PEM form: give the class certificate (cert.pem, made by "npm run cert").`,
  clearPassword: 'Warning: this connection is not encrypted; anyone on the network can read the password you send (ask for --tls).',
  operator: (nick: string) => `${nick} is now an operator`,
  kicked: (nick: string, by: string, why: string) => `${nick} was kicked out by ${by}${why ? ` (${why})` : ''}`,
  muted: (nick: string, by: string) => `${nick} was muted by ${by}`,
  unmuted: (nick: string, by: string) => `${nick} may speak again (${by})`,
  connecting: (where: string) => `Connecting to ${where}…`,
  refused: (where, start) => `No chat server at ${where}: is it started? (${start})`,
  unknownHost: (host: string) => `Unknown host "${host}": check the address (--host).`,
  unreachable: (where: string, why: string) => `Cannot reach ${where}: ${why}`,
  lost: 'Connection to the server lost.',
  closedByServer: 'The server closed the connection.',
  badArgs: (why: string) => `${why} (see --help)`,
  welcome: (nick: string, n: number) => `Welcome, ${nick}! ${people('en', n)}. Type /help for the commands.`,
  joined: (nick: string) => `${nick} joined the chat`,
  left: (nick: string, why?: string) => `${nick} left the chat${why ? ` (${why})` : ''}`,
  reasons: {
    quit: 'quit',
    closed: 'disconnected',
    reset: 'connection lost',
    timeout: 'timed out',
    'too-slow': 'too slow to read',
    kicked: 'kicked out',
    shutdown: 'server stopped',
    split: 'their server is unreachable',
  },
  renamed: (old: string, nick: string) => `${old} is now known as ${nick}`,
  online: (nicks: string[]) => `${people('en', nicks.length)}: ${numbered(nicks)}`,
  privateTag: 'private',
  shutdown: 'The server is shutting down.',
  split: 'The room is split: the other servers are out of reach; only people on this server hear you.',
  whole: 'The room is whole again.',
  help: {
    nick: ['/nick NEW', 'change your nickname'],
    msg: ['/msg NICK TEXT', 'send a private message'],
    me: ['/me ACTION', 'describe what you do'],
    list: ['/list', 'who is online'],
    quit: ['/quit [REASON]', 'leave the chat'],
    help: ['/help', 'this help'],
    op: ['/op PASSWORD', 'become an operator'],
    kick: ['/kick NICK [REASON]', 'put someone out (and ban their address for a while)'],
    mute: ['/mute NICK', 'stop someone’s messages'],
    unmute: ['/unmute NICK', 'let them speak again'],
    bans: ['/bans', 'list the banned addresses'],
    unban: ['/unban #N|ADDRESS', 'lift a ban (its number in /bans)'],
  },
  errors: {
    'nick-invalid': (problem = '') => nickRules.en[problem] ?? nickRules.en['']!,
    'nick-taken': (nick = '') => `The nickname ${nick} is already taken (or looks like one that is).`,
    'nick-timeout': () => 'You took too long to choose a nickname.',
    'too-long': (max = '') => `Line too long: at most ${max} bytes. It was not sent.`,
    'bad-utf8': () => 'That line was not valid UTF-8 text. It was not sent.',
    flood: (wait = '') => `Slow down: you are sending too fast. Wait ${wait} s.`,
    'unknown-command': (cmd = '') => `Unknown command /${cmd}. Type /help for the commands.`,
    usage: (cmd = '') => `Wrong use of /${cmd}. Type /help to see how.`,
    'no-such-nick': (nick = '') => `Nobody called ${nick} is online.`,
    'server-full': () => 'The server is full. Try again later.',
    'too-many-connections': () => 'Too many connections from your address.',
    'password-wrong': (left = '') => `Wrong password (${left} attempt(s) left).`,
    'not-operator': () => 'Only an operator can do that (/op PASSWORD).',
    'op-disabled': () => 'This server has no operators.',
    muted: () => 'You are muted: your messages are not sent.',
    banned: (wait = '') => `You were kicked out: come back in ${wait} s.`,
    'tls-required': () => 'This server only accepts encrypted connections (--tls).',
    locked: (wait = '') => `Too many wrong passwords from your address: try again in ${wait} s.`,
    'too-fast': (wait = '') => `Too many connections from your address in a short time: wait ${wait} s.`,
    'not-yourself': () => 'You cannot do that to yourself.',
    'no-such-ban': (who = '') => `No ban ${who}: see /bans.`,
  },
  bans: (n) => (n === 0 ? 'No address is banned.' : `${n} banned address${n > 1 ? 'es' : ''}:`),
  ban: (n, address, nick, seconds, reason) => `  #${n} ${address} (${nick}), ${seconds} s left${reason ? `: ${reason}` : ''}`,
  unbanned: (address, by) => `${address} may come back (${by})`,
};

const fr: Messages = {
  usage: (run) => `Utilisation : ${usageLine(run, 'ou :')}

Options (variable d’environnement entre crochets) :
  --host HÔTE     adresse du serveur [HOST] (par défaut 127.0.0.1)
  --port PORT     port du serveur [PORT] (par défaut 55555)
  --nick PSEUDO   pseudo à demander d’abord
  --tls           chiffre la connexion (le serveur doit avoir --tls-cert)
  --ca FICHIER    certificat à reconnaître (celui de la classe) pour --tls
  --lang en|fr    langue (par défaut : d’après LANG)
  -h, --help      affiche cette aide

Le mot de passe du salon, s’il y en a un, est demandé sans être affiché, ou lu
dans CHAT_PASSWORD. Dans le salon, tapez un message puis Entrée ; /help liste
les commandes.`,
  askNick: 'Choisissez un pseudo : ',
  askPassword: 'Mot de passe du salon : ',
  untrusted: (where: string) => `Le certificat de ${where} n’est pas reconnu : donnez le certificat de la classe avec --ca FICHIER.`,
  wrongHost: (host: string) => `Le certificat du serveur n’est pas au nom de « ${host} » : vérifiez --host, ou demandez un certificat à ce nom.`,
  tlsFailed: (why: string) => `Échec de la connexion chiffrée : ${why}`,
  notTls: (where: string) => `${where} ne parle pas TLS : connectez-vous sans --tls.`,
  caUnreadable: (file: string, why: string) =>
    `Impossible de lire le certificat donné avec --ca (${file}) : ${why === 'ENOENT' ? 'fichier introuvable' : why === 'EACCES' ? 'accès refusé' : 'illisible'} (${why}).`,
  caInvalid: (file: string) =>
    `${file} (--ca) n’est pas un certificat au format PEM : donnez le certificat de la classe (cert.pem, créé par « npm run cert »).`,
  clearPassword: 'Attention : cette connexion n’est pas chiffrée ; n’importe qui sur le réseau peut lire le mot de passe que vous envoyez (demandez --tls).',
  operator: (nick: string) => `${nick} est maintenant opérateur`,
  kicked: (nick: string, by: string, why: string) => `${nick} a été exclu par ${by}${why ? ` (${why})` : ''}`,
  muted: (nick: string, by: string) => `${nick} a été réduit au silence par ${by}`,
  unmuted: (nick: string, by: string) => `${nick} peut de nouveau parler (${by})`,
  connecting: (where: string) => `Connexion à ${where}…`,
  refused: (where, start) => `Aucun serveur de discussion à ${where} : est-il lancé ? (${start})`,
  unknownHost: (host: string) => `Hôte inconnu « ${host} » : vérifiez l’adresse (--host).`,
  unreachable: (where: string, why: string) => `Impossible de joindre ${where} : ${why}`,
  lost: 'Connexion au serveur perdue.',
  closedByServer: 'Le serveur a fermé la connexion.',
  badArgs: (why: string) => `${why} (voir --help)`,
  welcome: (nick: string, n: number) => `Bienvenue, ${nick} ! ${people('fr', n)}. Tapez /help pour voir les commandes.`,
  joined: (nick: string) => `${nick} a rejoint le salon`,
  left: (nick: string, why?: string) => `${nick} a quitté le salon${why ? ` (${why})` : ''}`,
  reasons: {
    quit: 'parti',
    closed: 'déconnecté',
    reset: 'connexion perdue',
    timeout: 'ne répondait plus',
    'too-slow': 'trop lent à lire',
    kicked: 'exclu',
    shutdown: 'serveur arrêté',
    split: 'son serveur est injoignable',
  },
  renamed: (old: string, nick: string) => `${old} s’appelle désormais ${nick}`,
  online: (nicks: string[]) => `${people('fr', nicks.length)} : ${numbered(nicks)}`,
  privateTag: 'privé',
  shutdown: 'Le serveur s’arrête.',
  split: 'Le salon est coupé en deux : les autres serveurs sont injoignables ; seules les personnes connectées à ce serveur vous lisent.',
  whole: 'Le salon est de nouveau réuni.',
  help: {
    nick: ['/nick NOUVEAU', 'changer de pseudo'],
    msg: ['/msg PSEUDO TEXTE', 'envoyer un message privé'],
    me: ['/me ACTION', 'décrire ce que vous faites'],
    list: ['/list', 'qui est en ligne'],
    quit: ['/quit [RAISON]', 'quitter le salon'],
    help: ['/help', 'cette aide'],
    op: ['/op MOT_DE_PASSE', 'devenir opérateur'],
    kick: ['/kick PSEUDO [RAISON]', 'exclure quelqu’un (et bannir son adresse un moment)'],
    mute: ['/mute PSEUDO', 'réduire quelqu’un au silence'],
    unmute: ['/unmute PSEUDO', 'lui rendre la parole'],
    bans: ['/bans', 'lister les adresses bannies'],
    unban: ['/unban #N|ADRESSE', 'lever un bannissement (son numéro dans /bans)'],
  },
  errors: {
    'nick-invalid': (problem = '') => nickRules.fr[problem] ?? nickRules.fr['']!,
    'nick-taken': (nick = '') => `Le pseudo ${nick} est déjà pris (ou ressemble trop à un pseudo pris).`,
    'nick-timeout': () => 'Vous avez mis trop de temps à choisir un pseudo.',
    'too-long': (max = '') => `Ligne trop longue : ${max} octets au plus. Elle n’a pas été envoyée.`,
    'bad-utf8': () => 'Cette ligne n’était pas du texte UTF-8 valide. Elle n’a pas été envoyée.',
    flood: (wait = '') => `Doucement : vous envoyez trop vite. Attendez ${wait} s.`,
    'unknown-command': (cmd = '') => `Commande inconnue : /${cmd}. Tapez /help pour voir les commandes.`,
    usage: (cmd = '') => `Mauvaise utilisation de /${cmd}. Tapez /help pour voir comment faire.`,
    'no-such-nick': (nick = '') => `Personne ne s’appelle ${nick} en ce moment.`,
    'server-full': () => 'Le serveur est plein. Réessayez plus tard.',
    'too-many-connections': () => 'Trop de connexions depuis votre adresse.',
    'password-wrong': (left = '') => `Mot de passe incorrect (encore ${left} essai(s)).`,
    'not-operator': () => 'Seul un opérateur peut faire cela (/op MOT_DE_PASSE).',
    'op-disabled': () => 'Ce serveur n’a pas d’opérateurs.',
    muted: () => 'Vous êtes réduit au silence : vos messages ne partent pas.',
    banned: (wait = '') => `Vous avez été exclu : revenez dans ${wait} s.`,
    'tls-required': () => 'Ce serveur n’accepte que les connexions chiffrées (--tls).',
    locked: (wait = '') => `Trop de mots de passe erronés depuis votre adresse : réessayez dans ${wait} s.`,
    'too-fast': (wait = '') => `Trop de connexions depuis votre adresse en peu de temps : attendez ${wait} s.`,
    'not-yourself': () => 'Vous ne pouvez pas vous faire cela à vous-même.',
    'no-such-ban': (who = '') => `Aucun bannissement ne correspond à ${who} : voyez /bans.`,
  },
  bans: (n) => (n === 0 ? 'Aucune adresse n’est bannie.' : `${n} adresse${n > 1 ? 's' : ''} bannie${n > 1 ? 's' : ''} :`),
  ban: (n, address, nick, seconds, reason) => `  #${n} ${address} (${nick}), encore ${seconds} s${reason ? ` : ${reason}` : ''}`,
  unbanned: (address, by) => `${address} peut revenir (${by})`,
};

export const text: Record<Lang, Messages> = { en, fr };
