export { UsersScreen } from './users-screen';
export { UserDraftFields } from './user-draft-fields';
export {
  assignableRoles,
  emptyUserDraft,
  sameUserName,
  toNewUser,
  userDraftErrors,
  type UserDraft,
  type UserDraftErrors,
} from './user-draft';
