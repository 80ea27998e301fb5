export { SmsOutboxScreen } from './sms-outbox-screen';
