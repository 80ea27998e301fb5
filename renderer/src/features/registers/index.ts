export { RegistersScreen } from './registers-screen';
export {
  REGISTER_FILE_FORMAT,
  REGISTER_FILE_SUFFIX,
  REGISTER_FILE_VERSION,
  parseRegisterFile,
  registerFileName,
  registerFileSchema,
  type RegisterFile,
} from '../../../../shared/registers';
export {
  exportRegisterFile,
  verifyRegisterFileOnDesk,
  type ExportRegisterOptions,
  type ExportRegisterResult,
} from './register-file';
