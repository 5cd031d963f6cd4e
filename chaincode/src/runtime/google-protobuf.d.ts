// The one google-protobuf class the runtime builds itself (no @types package is installed).
declare module 'google-protobuf/google/protobuf/timestamp_pb.js' {
  export class Timestamp {
    setSeconds(value: number): void;
    setNanos(value: number): void;
    getSeconds(): number;
    getNanos(): number;
    toDate(): Date;
    serializeBinary(): Uint8Array;
  }
}
