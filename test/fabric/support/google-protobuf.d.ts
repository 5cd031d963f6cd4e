// The google-protobuf class the Gateway test server builds itself (no @types package is
// installed). A CommonJS module: import the default and destructure. Timestamps it only reads,
// through fabric-protos; the chaincode runtime declares timestamp_pb for itself.
declare module 'google-protobuf/google/protobuf/any_pb.js' {
  export class Any {
    setTypeUrl(value: string): void;
    setValue(value: Uint8Array): void;
  }
  const anyPb: { Any: typeof Any };
  export default anyPb;
}
