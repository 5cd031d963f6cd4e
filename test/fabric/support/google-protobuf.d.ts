// The google-protobuf classes the Gateway test server builds itself (no @types package is
// installed). CommonJS modules: import the default and destructure.
declare module 'google-protobuf/google/protobuf/timestamp_pb.js' {
  export class Timestamp {
    setSeconds(value: number): void;
    setNanos(value: number): void;
    getSeconds(): number;
    getNanos(): number;
  }
  const timestampPb: { Timestamp: typeof Timestamp };
  export default timestampPb;
}
declare module 'google-protobuf/google/protobuf/any_pb.js' {
  export class Any {
    setTypeUrl(value: string): void;
    setValue(value: Uint8Array): void;
  }
  const anyPb: { Any: typeof Any };
  export default anyPb;
}
