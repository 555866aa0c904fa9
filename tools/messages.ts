// Every sentence the tools print, in English and in French. The French object
// must have the same keys as the English one: the type checker says so.
import { deFr, type Lang } from '../checker/text.ts';

const en = {
  usage: `Usage:
  npm run verify                          check the exercise you started last
  npm run verify -- <step> [path]         check your program for a step (01, 02, 03, 04...)
  npm run verify -- <step> <command...>   check a program started by any command
Options:
  --client <path or command>   the client to check, when it is not in the folder
  --watch                      check again each time you save a file
  --json, --junit              print the result as JSON or JUnit XML (for CI and autograders)
  --no-record                  leave your progress as it is (a teacher checking a class)
  --lang en|fr                 language of the report (default: from LANG)
A folder is checked through its server.* and client.* files (.ts, .js or .py);
a single file is the server. Your server listens on the port in the PORT
environment variable (and the address in HOST): the tests choose them.`,
  unknownStep: (name: string, known: string) => `No step "${name}". The steps are: ${known}.`,
  noCurrent: 'No exercise started yet: start one with "npm run exercise -- 01", or name a step: "npm run verify -- 02 path/to/server.ts".',
  noWorkDir: (dir: string, id: string) => `There is no ${dir}/ yet: start the exercise with "npm run exercise -- ${id}", or give the path of your program.`,
  noSuchFile: (file: string) => `No such file: ${file}`,
  nothingInFolder: (dir: string) => `${dir}/ has no server.* or client.* file (.ts, .js, .mjs or .py).`,
  badLang: (lang: string) => `Unknown language "${lang}": use en or fr.`,
  unknownOption: (option: string) => `Unknown option ${option}.`,
  watchNeedsFiles: '--watch needs files to watch: give a folder or a file, not a command.',
  checking: (step: string, title: string, challenge = false) => `${challenge ? 'Challenge' : 'Step'} ${step}: ${title}`,
  server: 'server',
  client: 'client',
  none: 'none',
  side: (side: string, what: string) => `${side}: ${what}`,
  skippedWhy: (title: string, why: string) => `${title} (skipped: ${why})`,
  noClientFile: (dir: string) => `no client.* in ${dir}/: the client's behaviours are skipped`,
  noServerFile: (dir: string) => `no server.* in ${dir}/: the server's behaviours are skipped`,
  onlyServer: "a single program is checked as the server: the client's behaviours are skipped (give a client with --client)",
  portNote: 'Each check starts your server with a free port in PORT (and 127.0.0.1 in HOST).',
  starts: 'starts and listens on the port given in PORT',
  startsHint: 'Read the port from the PORT environment variable and listen on it.',
  sent: 'sent',
  expected: 'expected',
  received: 'received',
  keyboard: 'keyboard',
  testServer: 'test server',
  printed: (who: string) => `${who} printed`,
  sentTo: (who: string) => `to ${who}`,
  receivedFrom: (who: string) => `from ${who}`,
  earlier: (n: number) => `… ${n} earlier`,
  output: 'it printed:',
  stopped: (who: string, how: string) => `the ${who} stopped during the check (${how}); its last lines:`,
  exitCode: (code: number | null) => `exit code ${code}`,
  printedError: (who: string) => `the ${who} kept running but printed an error during the check:`,
  nothingPrinted: '(nothing printed)',
  hint: 'hint:',
  summary: (passed: number, failed: number, skipped: number) => `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
  typeErrors: (n: number) => `${n} type error${n > 1 ? 's' : ''} (tsc): your program ran anyway, but fix ${n > 1 ? 'them' : 'it'}:`,
  moreTypeErrors: (n: number) => `… and ${n} more`,
  notRunOne: 'not checked: the server must start first',
  notRun: (n: number) => `${n} behaviours were not checked: the server must start first.`,
  moreHelp: (id: string) => `Stuck? Read the step's hints: npm run hint -- ${id}`,
  allPass: 'All behaviours pass. Well done!',
  serverPartPasses: 'The server part passes, the client was not checked: the step is done once both pass.',
  clientPartPasses: 'The client part passes, the server was not checked: the step is done once both pass.',
  solution: (id: string) => `Compare with the reference solution: npm run solution -- ${id}`,
  next: (id: string) => `Next: npm run exercise -- ${id}`,
  progress: (bar: string) => `Progress: ${bar}`,
  watching: (what: string) => `Watching ${what}: save a file to check again, Ctrl+C to stop.`,
  header: (id: string, title: string, challenge = false) => `${challenge ? 'Challenge' : 'Exercise'} ${id}: ${title}.`,
  headerFrom: (from: string) => `This is the code of ${from}: each TODO marks a place to change.`,
  headerCheck: (goal: string) => `Goal: ${goal}. Check your work: npm run verify`,
  noExercise: (id: string) => `"${id}" has no exercise: it is the course's answer. Check your own with "npm run verify -- ${id} <folder>".`,
  exerciseUsage: 'Usage: npm run exercise -- <step>   (01, 02, 03, 04...)',
  alreadyStarted: (dir: string, id: string) =>
    `You already started this exercise in ${dir}/: your work is untouched. To start again from scratch: npm run progress -- reset ${id}`,
  created: (dir: string) => `Your work folder: ${dir}/`,
  behaviours: 'The tests check these behaviours:',
  whenReady: 'When ready, check your work (again and again):',
  orWatch: 'or, to check again at each save:',
  stepHeading: (id: string, title: string, challenge = false) => `${challenge ? 'Challenge' : 'Exercise'} ${id}: ${title}`,
  classUsage: `Usage: npm run class-report -- <folder> [--step <step>] [--csv <file>] [--html <file>] [--junit <file>]
  <folder> holds one folder per student. With --step, each student's folder is
  that step's work; without it, each student's folder holds one folder per step
  (02-broadcast/ or 02/). --budget <seconds>: time per student and step (120).`,
  classNoWork: 'no work found',
  classNoSteps: "No step folder (01-socket/, 02/...) in the students' folders: name the step with --step.",
  classStudent: 'student',
  classScore: 'passed',
  classTitle: 'Class report',
  classProgress: (student: string, step: string, result: string) => `${student} ${step}: ${result}`,
  classWrote: (file: string) => `Written: ${file}`,
  progressUsage: 'Usage: npm run progress [-- reset <step>]',
  showUsage: `Usage:
  npm run hint -- [step]                the step's hint (default: the exercise started last)
  npm run solution -- [step] [folder]   the reference solution, and your files against it`,
  noText: (id: string, challenge = false) => `${challenge ? 'Challenge' : 'Step'} ${id} has no such text.`,
  hintHeading: (id: string, title: string, challenge = false) => `Hint for ${challenge ? 'challenge' : 'step'} ${id}: ${title}`,
  solutionHeading: (id: string, title: string, challenge = false) => `Solution for ${challenge ? 'challenge' : 'step'} ${id}: ${title}`,
  notPassedYet: (id: string) => `You have not passed this step yet: the hint may be all you need (npm run hint -- ${id}).`,
  fullReference: (dir: string) => `The whole reference is in ${dir}/.`,
  diffHeading: (mine: string, reference: string) => `${mine} against ${reference} (- the reference, + yours):`,
  sameAsReference: 'the same as the reference.',
  noWorkToCompare: (dir: string, id: string) => `No work of yours in ${dir}/ to compare (npm run exercise -- ${id} creates it).`,
  progressTitle: 'Your progress (npm run verify records it):',
  statusDone: 'done',
  statusStarted: 'started',
  statusPassing: (passed: number, total: number) => `${passed}/${total} behaviours pass`,
  statusLast: (passed: number, total: number) => `last run: ${passed}/${total}`,
  statusBest: (passed: number, total: number) => `best: ${passed}/${total}`,
  statusUnchecked: (side: 'server' | 'client') => `the ${side} was not checked: not done yet`,
  statusNew: 'not started',
  current: 'current',
  resetDone: (id: string, challenge = false) => `${challenge ? 'Challenge' : 'Step'} ${id} starts again from its starting code: edit it, then npm run verify.`,
  resetMoved: (from: string, to: string) => `Your previous work was moved to ${to}/ (it was ${from}/).`,
  resetHow: 'To start one exercise again from scratch: npm run progress -- reset <step>',
};

export type Messages = typeof en;

const fr: Messages = {
  usage: `Utilisation :
  npm run verify                          vérifie le dernier exercice commencé
  npm run verify -- <étape> [chemin]      vérifie votre programme pour une étape (01, 02, 03, 04...)
  npm run verify -- <étape> <commande...> vérifie un programme lancé par n’importe quelle commande
Options :
  --client <chemin ou commande>  le client à vérifier, s’il n’est pas dans le dossier
  --watch                        vérifie à nouveau à chaque enregistrement
  --json, --junit                affiche le résultat en JSON ou en XML JUnit (pour la CI et les correcteurs automatiques)
  --no-record                    ne touche pas à votre progression (un professeur qui vérifie une classe)
  --lang en|fr                   langue du rapport (par défaut : d’après LANG)
Un dossier est vérifié par ses fichiers server.* et client.* (.ts, .js ou .py) ;
un fichier seul est pris pour le serveur. Votre serveur écoute sur le port donné
par la variable d’environnement PORT (et l’adresse donnée par HOST) : les tests
les choisissent.`,
  unknownStep: (name, known) => `Pas d’étape « ${name} ». Les étapes sont : ${known}.`,
  noCurrent: 'Aucun exercice commencé : commencez-en un avec « npm run exercise -- 01 », ou nommez une étape : « npm run verify -- 02 chemin/vers/server.ts ».',
  noWorkDir: (dir, id) => `${dir}/ n’existe pas encore : commencez l’exercice avec « npm run exercise -- ${id} », ou donnez le chemin de votre programme.`,
  noSuchFile: (file) => `Fichier introuvable : ${file}`,
  nothingInFolder: (dir) => `${dir}/ n’a pas de fichier server.* ni client.* (.ts, .js, .mjs ou .py).`,
  badLang: (lang) => `Langue inconnue « ${lang} » : choisissez en ou fr.`,
  unknownOption: (option) => `Option inconnue : ${option}.`,
  watchNeedsFiles: '--watch a besoin de fichiers à surveiller : donnez un dossier ou un fichier, pas une commande.',
  checking: (step, title, challenge = false) => `${challenge ? 'Défi' : 'Étape'} ${step} : ${title}`,
  server: 'serveur',
  client: 'client',
  none: 'aucun',
  side: (side, what) => `${side} : ${what}`,
  skippedWhy: (title, why) => `${title} (non vérifié : ${why})`,
  noClientFile: (dir) => `pas de client.* dans ${dir}/ : les comportements du client ne sont pas vérifiés`,
  noServerFile: (dir) => `pas de server.* dans ${dir}/ : les comportements du serveur ne sont pas vérifiés`,
  onlyServer: 'un programme seul est vérifié comme serveur : les comportements du client ne sont pas vérifiés (donnez un client avec --client)',
  portNote: 'Chaque vérification lance votre serveur avec un port libre dans PORT (et 127.0.0.1 dans HOST).',
  starts: 'démarre et écoute sur le port donné par PORT',
  startsHint: 'Lisez le port dans la variable d’environnement PORT et écoutez sur ce port.',
  sent: 'envoyé',
  expected: 'attendu',
  received: 'reçu',
  keyboard: 'clavier',
  testServer: 'serveur de test',
  printed: (who) => `affiché par ${who}`,
  sentTo: (who) => `à ${who}`,
  receivedFrom: (who) => deFr(who),
  earlier: (n) => `… ${n} plus tôt`,
  output: 'il a affiché :',
  stopped: (who, how) => `le ${who === 'server' ? 'serveur' : who} s’est arrêté pendant la vérification (${how}) ; ses dernières lignes :`,
  exitCode: (code) => `code de sortie ${code}`,
  printedError: (who) => `le ${who === 'server' ? 'serveur' : who} a continué de tourner mais a affiché une erreur pendant la vérification :`,
  nothingPrinted: '(rien n’a été affiché)',
  hint: 'indice :',
  summary: (passed, failed, skipped) =>
    `${passed} réussi${passed > 1 ? 's' : ''}, ${failed === 0 ? 'aucun échec' : `${failed} échoué${failed > 1 ? 's' : ''}`}${skipped ? `, ${skipped} non vérifié${skipped > 1 ? 's' : ''}` : ''}`,
  typeErrors: (n) => `${n} erreur${n > 1 ? 's' : ''} de type (tsc) : votre programme a tourné quand même, mais corrigez-l${n > 1 ? 'es' : 'a'} :`,
  moreTypeErrors: (n) => `… et ${n} de plus`,
  notRunOne: 'non vérifié : le serveur doit d’abord démarrer',
  notRun: (n) => `${n} comportements n’ont pas été vérifiés : le serveur doit d’abord démarrer.`,
  moreHelp: (id) => `Bloqué ? Lisez les indices de l’étape : npm run hint -- ${id}`,
  allPass: 'Tous les comportements sont validés. Bravo !',
  serverPartPasses: 'La partie serveur est validée, le client n’a pas été vérifié : l’étape sera terminée quand les deux passeront.',
  clientPartPasses: 'La partie client est validée, le serveur n’a pas été vérifié : l’étape sera terminée quand les deux passeront.',
  solution: (id) => `Comparez avec la solution de référence : npm run solution -- ${id}`,
  next: (id) => `Ensuite : npm run exercise -- ${id}`,
  progress: (bar) => `Progression : ${bar}`,
  watching: (what) => `Surveillance ${deFr(what)} : enregistrez un fichier pour vérifier à nouveau, Ctrl+C pour arrêter.`,
  header: (id, title, challenge = false) => `${challenge ? 'Défi' : 'Exercice'} ${id} : ${title}.`,
  headerFrom: (from) => `Voici le code ${deFr(from)} : chaque TODO marque un endroit à modifier.`,
  headerCheck: (goal) => `Objectif : ${goal}. Vérifiez votre travail : npm run verify`,
  noExercise: (id) => `« ${id} » n’a pas d’exercice : c’est l’aboutissement du cours. Vérifiez votre version avec « npm run verify -- ${id} <dossier> ».`,
  exerciseUsage: 'Utilisation : npm run exercise -- <étape>   (01, 02, 03, 04...)',
  alreadyStarted: (dir, id) =>
    `Vous avez déjà commencé cet exercice dans ${dir}/ : votre travail est intact. Pour tout recommencer : npm run progress -- reset ${id}`,
  created: (dir) => `Votre dossier de travail : ${dir}/`,
  behaviours: 'Les tests vérifient ces comportements :',
  whenReady: 'Quand vous êtes prêt, vérifiez votre travail (autant de fois que nécessaire) :',
  orWatch: 'ou, pour vérifier à nouveau à chaque enregistrement :',
  stepHeading: (id, title, challenge = false) => `${challenge ? 'Défi' : 'Exercice'} ${id} : ${title}`,
  classUsage: `Utilisation : npm run class-report -- <dossier> [--step <étape>] [--csv <fichier>] [--html <fichier>] [--junit <fichier>]
  <dossier> contient un dossier par élève. Avec --step, le dossier de chaque élève
  est son travail pour cette étape ; sans --step, il contient un dossier par étape
  (02-broadcast/ ou 02/). --budget <secondes> : temps par élève et par étape (120).`,
  classNoWork: 'aucun travail trouvé',
  classNoSteps: 'Aucun dossier d’étape (01-socket/, 02/...) dans les dossiers des élèves : nommez l’étape avec --step.',
  classStudent: 'élève',
  classScore: 'réussis',
  classTitle: 'Bilan de la classe',
  classProgress: (student, step, result) => `${student} ${step} : ${result}`,
  classWrote: (file) => `Fichier écrit : ${file}`,
  progressUsage: 'Utilisation : npm run progress [-- reset <étape>]',
  showUsage: `Utilisation :
  npm run hint -- [étape]                 l’indice de l’étape (par défaut : le dernier exercice commencé)
  npm run solution -- [étape] [dossier]   la solution de référence, et vos fichiers comparés à elle`,
  noText: (id, challenge = false) => `${challenge ? 'Le défi' : 'L’étape'} ${id} n’a pas ce texte.`,
  hintHeading: (id, title, challenge = false) => `Indice pour ${challenge ? 'le défi' : 'l’étape'} ${id} : ${title}`,
  solutionHeading: (id, title, challenge = false) => `Solution ${challenge ? 'du défi' : 'de l’étape'} ${id} : ${title}`,
  notPassedYet: (id) => `Vous n’avez pas encore réussi cette étape : l’indice suffira peut-être (npm run hint -- ${id}).`,
  fullReference: (dir) => `La référence complète est dans ${dir}/.`,
  diffHeading: (mine, reference) => `${mine} comparé à ${reference} (- la référence, + le vôtre) :`,
  sameAsReference: 'identique à la référence.',
  noWorkToCompare: (dir, id) => `Aucun travail à comparer dans ${dir}/ (npm run exercise -- ${id} le crée).`,
  progressTitle: 'Votre progression (enregistrée par npm run verify) :',
  statusDone: 'terminé',
  statusStarted: 'commencé',
  statusPassing: (passed, total) => `${passed}/${total} comportements validés`,
  statusLast: (passed, total) => `dernière vérification : ${passed}/${total}`,
  statusBest: (passed, total) => `meilleur résultat : ${passed}/${total}`,
  statusUnchecked: (side) => `${side === 'server' ? 'le serveur' : 'le client'} n’a pas été vérifié : pas encore terminé`,
  statusNew: 'pas commencé',
  current: 'en cours',
  resetDone: (id, challenge = false) => `${challenge ? 'Le défi' : 'L’étape'} ${id} repart de son code de départ : modifiez-le, puis lancez npm run verify.`,
  resetMoved: (from, to) => `Votre travail précédent a été déplacé dans ${to}/ (il était dans ${from}/).`,
  resetHow: 'Pour recommencer un exercice depuis le début : npm run progress -- reset <étape>',
};

/** The messages in the student's language. */
export function messages(lang: Lang): Messages {
  return lang === 'fr' ? fr : en;
}
