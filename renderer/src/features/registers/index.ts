export { RegistersScreen } from './registers-screen';
export {
  REGISTER_FILE_FORMAT,
  REGISTER_FILE_SUFFIX,
  REGISTER_FILE_VERSION,
  buildRegisterFile,
  parseRegisterFile,
  registerFileName,
  registerFileSchema,
  verifyRegisterFile,
  type RegisterFile,
} from './register-file';
