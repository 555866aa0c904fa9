// The default theme, plus the course's diagrams (hand-written SVG, labels per
// language) and the list of a step's checks, so that pages in both languages
// write the same <SocketDiagram /> or <StepChecks step="01" />.
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import SocketDiagram from './components/SocketDiagram.vue';
import HandshakeDiagram from './components/HandshakeDiagram.vue';
import BroadcastDiagram from './components/BroadcastDiagram.vue';
import EventLoopDiagram from './components/EventLoopDiagram.vue';
import StepChecks from './components/StepChecks.vue';
import PubSubDiagram from './components/PubSubDiagram.vue';
import FinalServerDiagram from './components/FinalServerDiagram.vue';
import ReadinessDiagram from './components/ReadinessDiagram.vue';
import Transcript from './components/Transcript.vue';
import CloneCommands from './components/CloneCommands.vue';
import './style.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('SocketDiagram', SocketDiagram);
    app.component('HandshakeDiagram', HandshakeDiagram);
    app.component('BroadcastDiagram', BroadcastDiagram);
    app.component('EventLoopDiagram', EventLoopDiagram);
    app.component('StepChecks', StepChecks);
    app.component('PubSubDiagram', PubSubDiagram);
    app.component('FinalServerDiagram', FinalServerDiagram);
    app.component('ReadinessDiagram', ReadinessDiagram);
    app.component('Transcript', Transcript);
    app.component('CloneCommands', CloneCommands);
  },
} satisfies Theme;
