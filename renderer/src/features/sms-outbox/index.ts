export { SmsOutboxScreen } from './sms-outbox-screen';
export { CorrespondenceLanguageFact } from './correspondence-language';
