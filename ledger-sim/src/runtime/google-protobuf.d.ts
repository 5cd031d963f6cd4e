// The one google-protobuf class the runtime builds itself (no @types package is installed). The
// module is CommonJS whose exports Node's ESM loader cannot name: import its default and destructure.
declare module 'google-protobuf/google/protobuf/timestamp_pb.js' {
  export class Timestamp {
    setSeconds(value: number): void;
    setNanos(value: number): void;
    getSeconds(): number;
    getNanos(): number;
    toDate(): Date;
    serializeBinary(): Uint8Array;
  }
  const timestampPb: { Timestamp: typeof Timestamp };
  export default timestampPb;
}
