export { AkimScreen, REGISTER_QUERY_PARAM, serviceName } from './akim-screen';
export { AkimInboxNavBadge } from './akim-nav-badge';
export { ResolutionForm, type ResolutionFormProps } from './resolution-form';
export { SignWithPinDialog, type SignWithPinDialogProps } from './sign-with-pin-dialog';
export { TermBadge, type TermBadgeProps } from './term';
