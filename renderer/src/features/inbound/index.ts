export { InboundNavBadge, InboundScreen } from './inbound-screen';
