/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean, $isFinite = $util.global.isFinite;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const edge = $root.edge = (() => {

    /**
     * Namespace edge.
     * @exports edge
     * @namespace
     */
    const edge = {};

    edge.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof edge
         * @namespace
         */
        const v1 = {};

        /**
         * DeviceKind enum.
         * @name edge.v1.DeviceKind
         * @enum {number}
         * @property {number} DEVICE_KIND_UNSPECIFIED=0 DEVICE_KIND_UNSPECIFIED value
         * @property {number} COMPUTE_BOX=1 COMPUTE_BOX value
         * @property {number} INDUSTRIAL_PC=2 INDUSTRIAL_PC value
         * @property {number} SERVER=3 SERVER value
         */
        v1.DeviceKind = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DEVICE_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "COMPUTE_BOX"] = 1;
            values[valuesById[2] = "INDUSTRIAL_PC"] = 2;
            values[valuesById[3] = "SERVER"] = 3;
            return values;
        })();

        v1.Envelope = (function() {

            /**
             * Properties of an Envelope.
             * @typedef {Object} edge.v1.Envelope.$Properties
             * @property {Uint8Array|null} [body] Envelope body
             * @property {Uint8Array|null} [signature] Envelope signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Envelope.
             * @memberof edge.v1
             * @interface IEnvelope
             * @augments edge.v1.Envelope.$Properties
             * @deprecated Use edge.v1.Envelope.$Properties instead.
             */

            /**
             * Shape of an Envelope.
             * @typedef {edge.v1.Envelope.$Properties} edge.v1.Envelope.$Shape
             */

            /**
             * Constructs a new Envelope.
             * @memberof edge.v1
             * @classdesc Represents an Envelope.
             * @constructor
             * @param {edge.v1.Envelope.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Envelope = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Envelope body.
             * @member {Uint8Array} body
             * @memberof edge.v1.Envelope
             * @instance
             */
            Envelope.prototype.body = $util.newBuffer([]);

            /**
             * Envelope signature.
             * @member {Uint8Array} signature
             * @memberof edge.v1.Envelope
             * @instance
             */
            Envelope.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new Envelope instance using the specified properties.
             * @function create
             * @memberof edge.v1.Envelope
             * @static
             * @param {edge.v1.Envelope.$Properties=} [properties] Properties to set
             * @returns {edge.v1.Envelope} Envelope instance
             * @type {{
             *   (properties: edge.v1.Envelope.$Shape): edge.v1.Envelope & edge.v1.Envelope.$Shape;
             *   (properties?: edge.v1.Envelope.$Properties): edge.v1.Envelope;
             * }}
             */
            Envelope.create = function(properties) {
                return new Envelope(properties);
            };

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link edge.v1.Envelope.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.Envelope
             * @static
             * @param {edge.v1.Envelope.$Properties} message Envelope message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Envelope.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.body != null && $Object.hasOwnProperty.call(message, "body") && message.body.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.body);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.Envelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.Envelope & edge.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Envelope.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.Envelope();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.body = value;
                            else
                                delete message.body;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies an Envelope message.
             * @function verify
             * @memberof edge.v1.Envelope
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Envelope.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                    if (!(message.body && typeof message.body.length === "number" || $util.isString(message.body)))
                        return "body: buffer expected";
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    if (!(message.signature && typeof message.signature.length === "number" || $util.isString(message.signature)))
                        return "signature: buffer expected";
                return null;
            };

            /**
             * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.Envelope
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.Envelope} Envelope
             */
            Envelope.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.Envelope)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.Envelope: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.Envelope();
                if (object.body != null)
                    if (object.body.length)
                        if (typeof object.body === "string")
                            $util.base64.decode(object.body, message.body = $util.newBuffer($util.base64.length(object.body)), 0);
                        else if (object.body.length >= 0)
                            message.body = object.body;
                if (object.signature != null)
                    if (object.signature.length)
                        if (typeof object.signature === "string")
                            $util.base64.decode(object.signature, message.signature = $util.newBuffer($util.base64.length(object.signature)), 0);
                        else if (object.signature.length >= 0)
                            message.signature = object.signature;
                return message;
            };

            /**
             * Creates a plain object from an Envelope message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.Envelope
             * @static
             * @param {edge.v1.Envelope} message Envelope
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Envelope.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.body = "";
                    else {
                        object.body = [];
                        if (options.bytes !== $Array)
                            object.body = $util.newBuffer(object.body);
                    }
                    if (options.bytes === $String)
                        object.signature = "";
                    else {
                        object.signature = [];
                        if (options.bytes !== $Array)
                            object.signature = $util.newBuffer(object.signature);
                    }
                }
                if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                    object.body = options.bytes === $String ? $util.base64.encode(message.body, 0, message.body.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.body) : message.body;
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    object.signature = options.bytes === $String ? $util.base64.encode(message.signature, 0, message.signature.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.signature) : message.signature;
                return object;
            };

            /**
             * Converts this Envelope to JSON.
             * @function toJSON
             * @memberof edge.v1.Envelope
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Envelope.prototype.toJSON = function() {
                return Envelope.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Envelope
             * @function getTypeUrl
             * @memberof edge.v1.Envelope
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Envelope.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.Envelope";
            };

            return Envelope;
        })();

        v1.Disk = (function() {

            /**
             * Properties of a Disk.
             * @typedef {Object} edge.v1.Disk.$Properties
             * @property {string|null} [model] Disk model
             * @property {string|null} [serial] Disk serial
             * @property {number|null} [sizeBytes] Disk sizeBytes
             * @property {string|null} [type] Disk type
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Disk.
             * @memberof edge.v1
             * @interface IDisk
             * @augments edge.v1.Disk.$Properties
             * @deprecated Use edge.v1.Disk.$Properties instead.
             */

            /**
             * Shape of a Disk.
             * @typedef {edge.v1.Disk.$Properties} edge.v1.Disk.$Shape
             */

            /**
             * Constructs a new Disk.
             * @memberof edge.v1
             * @classdesc Represents a Disk.
             * @constructor
             * @param {edge.v1.Disk.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Disk = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Disk model.
             * @member {string} model
             * @memberof edge.v1.Disk
             * @instance
             */
            Disk.prototype.model = "";

            /**
             * Disk serial.
             * @member {string} serial
             * @memberof edge.v1.Disk
             * @instance
             */
            Disk.prototype.serial = "";

            /**
             * Disk sizeBytes.
             * @member {number} sizeBytes
             * @memberof edge.v1.Disk
             * @instance
             */
            Disk.prototype.sizeBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Disk type.
             * @member {string} type
             * @memberof edge.v1.Disk
             * @instance
             */
            Disk.prototype.type = "";

            /**
             * Creates a new Disk instance using the specified properties.
             * @function create
             * @memberof edge.v1.Disk
             * @static
             * @param {edge.v1.Disk.$Properties=} [properties] Properties to set
             * @returns {edge.v1.Disk} Disk instance
             * @type {{
             *   (properties: edge.v1.Disk.$Shape): edge.v1.Disk & edge.v1.Disk.$Shape;
             *   (properties?: edge.v1.Disk.$Properties): edge.v1.Disk;
             * }}
             */
            Disk.create = function(properties) {
                return new Disk(properties);
            };

            /**
             * Encodes the specified Disk message. Does not implicitly {@link edge.v1.Disk.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.Disk
             * @static
             * @param {edge.v1.Disk.$Properties} message Disk message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Disk.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.model != null && $Object.hasOwnProperty.call(message, "model") && message.model !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.model);
                if (message.serial != null && $Object.hasOwnProperty.call(message, "serial") && message.serial !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.serial);
                if (message.sizeBytes != null && $Object.hasOwnProperty.call(message, "sizeBytes") && (typeof message.sizeBytes === "object" ? message.sizeBytes.low || message.sizeBytes.high : message.sizeBytes !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.sizeBytes);
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.type);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Disk message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.Disk
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.Disk & edge.v1.Disk.$Shape} Disk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Disk.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.Disk();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.model = value;
                            else
                                delete message.model;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.serial = value;
                            else
                                delete message.serial;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.sizeBytes = value;
                            else
                                delete message.sizeBytes;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a Disk message.
             * @function verify
             * @memberof edge.v1.Disk
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Disk.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    if (!$util.isString(message.model))
                        return "model: string expected";
                if (message.serial != null && $Object.hasOwnProperty.call(message, "serial"))
                    if (!$util.isString(message.serial))
                        return "serial: string expected";
                if (message.sizeBytes != null && $Object.hasOwnProperty.call(message, "sizeBytes"))
                    if (!$util.isInteger(message.sizeBytes) && !(message.sizeBytes && $util.isInteger(message.sizeBytes.low) && $util.isInteger(message.sizeBytes.high)))
                        return "sizeBytes: integer|Long expected";
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    if (!$util.isString(message.type))
                        return "type: string expected";
                return null;
            };

            /**
             * Creates a Disk message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.Disk
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.Disk} Disk
             */
            Disk.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.Disk)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.Disk: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.Disk();
                if (object.model != null)
                    if (typeof object.model !== "string" || object.model.length)
                        message.model = $String(object.model);
                if (object.serial != null)
                    if (typeof object.serial !== "string" || object.serial.length)
                        message.serial = $String(object.serial);
                if (object.sizeBytes != null)
                    if (typeof object.sizeBytes === "object" ? object.sizeBytes.low || object.sizeBytes.high : $Number(object.sizeBytes) !== 0)
                        if ($util.Long)
                            message.sizeBytes = $util.Long.fromValue(object.sizeBytes, true);
                        else if (typeof object.sizeBytes === "string")
                            message.sizeBytes = $parseInt(object.sizeBytes, 10);
                        else if (typeof object.sizeBytes === "number")
                            message.sizeBytes = object.sizeBytes;
                        else if (typeof object.sizeBytes === "object")
                            message.sizeBytes = new $util.LongBits(object.sizeBytes.low >>> 0, object.sizeBytes.high >>> 0).toNumber(true);
                if (object.type != null)
                    if (typeof object.type !== "string" || object.type.length)
                        message.type = $String(object.type);
                return message;
            };

            /**
             * Creates a plain object from a Disk message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.Disk
             * @static
             * @param {edge.v1.Disk} message Disk
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Disk.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.model = "";
                    object.serial = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.sizeBytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sizeBytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.type = "";
                }
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    object.model = message.model;
                if (message.serial != null && $Object.hasOwnProperty.call(message, "serial"))
                    object.serial = message.serial;
                if (message.sizeBytes != null && $Object.hasOwnProperty.call(message, "sizeBytes"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sizeBytes = typeof message.sizeBytes === "number" ? $BigInt(message.sizeBytes) : $util.Long.fromBits(message.sizeBytes.low >>> 0, message.sizeBytes.high >>> 0, true).toBigInt();
                    else if (typeof message.sizeBytes === "number")
                        object.sizeBytes = options.longs === $String ? $String(message.sizeBytes) : message.sizeBytes;
                    else
                        object.sizeBytes = options.longs === $String ? $util.Long.prototype.toString.call(message.sizeBytes) : options.longs === $Number ? new $util.LongBits(message.sizeBytes.low >>> 0, message.sizeBytes.high >>> 0).toNumber(true) : message.sizeBytes;
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    object.type = message.type;
                return object;
            };

            /**
             * Converts this Disk to JSON.
             * @function toJSON
             * @memberof edge.v1.Disk
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Disk.prototype.toJSON = function() {
                return Disk.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Disk
             * @function getTypeUrl
             * @memberof edge.v1.Disk
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Disk.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.Disk";
            };

            return Disk;
        })();

        v1.NetworkInterface = (function() {

            /**
             * Properties of a NetworkInterface.
             * @typedef {Object} edge.v1.NetworkInterface.$Properties
             * @property {string|null} [name] NetworkInterface name
             * @property {string|null} [mac] NetworkInterface mac
             * @property {boolean|null} [virtual] NetworkInterface virtual
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a NetworkInterface.
             * @memberof edge.v1
             * @interface INetworkInterface
             * @augments edge.v1.NetworkInterface.$Properties
             * @deprecated Use edge.v1.NetworkInterface.$Properties instead.
             */

            /**
             * Shape of a NetworkInterface.
             * @typedef {edge.v1.NetworkInterface.$Properties} edge.v1.NetworkInterface.$Shape
             */

            /**
             * Constructs a new NetworkInterface.
             * @memberof edge.v1
             * @classdesc Represents a NetworkInterface.
             * @constructor
             * @param {edge.v1.NetworkInterface.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const NetworkInterface = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * NetworkInterface name.
             * @member {string} name
             * @memberof edge.v1.NetworkInterface
             * @instance
             */
            NetworkInterface.prototype.name = "";

            /**
             * NetworkInterface mac.
             * @member {string} mac
             * @memberof edge.v1.NetworkInterface
             * @instance
             */
            NetworkInterface.prototype.mac = "";

            /**
             * NetworkInterface virtual.
             * @member {boolean} virtual
             * @memberof edge.v1.NetworkInterface
             * @instance
             */
            NetworkInterface.prototype.virtual = false;

            /**
             * Creates a new NetworkInterface instance using the specified properties.
             * @function create
             * @memberof edge.v1.NetworkInterface
             * @static
             * @param {edge.v1.NetworkInterface.$Properties=} [properties] Properties to set
             * @returns {edge.v1.NetworkInterface} NetworkInterface instance
             * @type {{
             *   (properties: edge.v1.NetworkInterface.$Shape): edge.v1.NetworkInterface & edge.v1.NetworkInterface.$Shape;
             *   (properties?: edge.v1.NetworkInterface.$Properties): edge.v1.NetworkInterface;
             * }}
             */
            NetworkInterface.create = function(properties) {
                return new NetworkInterface(properties);
            };

            /**
             * Encodes the specified NetworkInterface message. Does not implicitly {@link edge.v1.NetworkInterface.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.NetworkInterface
             * @static
             * @param {edge.v1.NetworkInterface.$Properties} message NetworkInterface message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            NetworkInterface.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac") && message.mac !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.mac);
                if (message.virtual != null && $Object.hasOwnProperty.call(message, "virtual") && message.virtual !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.virtual);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a NetworkInterface message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.NetworkInterface
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.NetworkInterface & edge.v1.NetworkInterface.$Shape} NetworkInterface
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            NetworkInterface.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.NetworkInterface();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.mac = value;
                            else
                                delete message.mac;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.virtual = value;
                            else
                                delete message.virtual;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a NetworkInterface message.
             * @function verify
             * @memberof edge.v1.NetworkInterface
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            NetworkInterface.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac"))
                    if (!$util.isString(message.mac))
                        return "mac: string expected";
                if (message.virtual != null && $Object.hasOwnProperty.call(message, "virtual"))
                    if (typeof message.virtual !== "boolean")
                        return "virtual: boolean expected";
                return null;
            };

            /**
             * Creates a NetworkInterface message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.NetworkInterface
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.NetworkInterface} NetworkInterface
             */
            NetworkInterface.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.NetworkInterface)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.NetworkInterface: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.NetworkInterface();
                if (object.name != null)
                    if (typeof object.name !== "string" || object.name.length)
                        message.name = $String(object.name);
                if (object.mac != null)
                    if (typeof object.mac !== "string" || object.mac.length)
                        message.mac = $String(object.mac);
                if (object.virtual != null)
                    if (object.virtual)
                        message.virtual = $Boolean(object.virtual);
                return message;
            };

            /**
             * Creates a plain object from a NetworkInterface message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.NetworkInterface
             * @static
             * @param {edge.v1.NetworkInterface} message NetworkInterface
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            NetworkInterface.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.name = "";
                    object.mac = "";
                    object.virtual = false;
                }
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.mac != null && $Object.hasOwnProperty.call(message, "mac"))
                    object.mac = message.mac;
                if (message.virtual != null && $Object.hasOwnProperty.call(message, "virtual"))
                    object.virtual = message.virtual;
                return object;
            };

            /**
             * Converts this NetworkInterface to JSON.
             * @function toJSON
             * @memberof edge.v1.NetworkInterface
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            NetworkInterface.prototype.toJSON = function() {
                return NetworkInterface.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for NetworkInterface
             * @function getTypeUrl
             * @memberof edge.v1.NetworkInterface
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            NetworkInterface.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.NetworkInterface";
            };

            return NetworkInterface;
        })();

        v1.Accelerator = (function() {

            /**
             * Properties of an Accelerator.
             * @typedef {Object} edge.v1.Accelerator.$Properties
             * @property {string|null} [vendor] Accelerator vendor
             * @property {string|null} [model] Accelerator model
             * @property {number|null} [memoryBytes] Accelerator memoryBytes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Accelerator.
             * @memberof edge.v1
             * @interface IAccelerator
             * @augments edge.v1.Accelerator.$Properties
             * @deprecated Use edge.v1.Accelerator.$Properties instead.
             */

            /**
             * Shape of an Accelerator.
             * @typedef {edge.v1.Accelerator.$Properties} edge.v1.Accelerator.$Shape
             */

            /**
             * Constructs a new Accelerator.
             * @memberof edge.v1
             * @classdesc Represents an Accelerator.
             * @constructor
             * @param {edge.v1.Accelerator.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Accelerator = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Accelerator vendor.
             * @member {string} vendor
             * @memberof edge.v1.Accelerator
             * @instance
             */
            Accelerator.prototype.vendor = "";

            /**
             * Accelerator model.
             * @member {string} model
             * @memberof edge.v1.Accelerator
             * @instance
             */
            Accelerator.prototype.model = "";

            /**
             * Accelerator memoryBytes.
             * @member {number} memoryBytes
             * @memberof edge.v1.Accelerator
             * @instance
             */
            Accelerator.prototype.memoryBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Accelerator instance using the specified properties.
             * @function create
             * @memberof edge.v1.Accelerator
             * @static
             * @param {edge.v1.Accelerator.$Properties=} [properties] Properties to set
             * @returns {edge.v1.Accelerator} Accelerator instance
             * @type {{
             *   (properties: edge.v1.Accelerator.$Shape): edge.v1.Accelerator & edge.v1.Accelerator.$Shape;
             *   (properties?: edge.v1.Accelerator.$Properties): edge.v1.Accelerator;
             * }}
             */
            Accelerator.create = function(properties) {
                return new Accelerator(properties);
            };

            /**
             * Encodes the specified Accelerator message. Does not implicitly {@link edge.v1.Accelerator.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.Accelerator
             * @static
             * @param {edge.v1.Accelerator.$Properties} message Accelerator message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Accelerator.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.vendor != null && $Object.hasOwnProperty.call(message, "vendor") && message.vendor !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.vendor);
                if (message.model != null && $Object.hasOwnProperty.call(message, "model") && message.model !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.model);
                if (message.memoryBytes != null && $Object.hasOwnProperty.call(message, "memoryBytes") && (typeof message.memoryBytes === "object" ? message.memoryBytes.low || message.memoryBytes.high : message.memoryBytes !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.memoryBytes);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Accelerator message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.Accelerator
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.Accelerator & edge.v1.Accelerator.$Shape} Accelerator
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Accelerator.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.Accelerator();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.vendor = value;
                            else
                                delete message.vendor;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.model = value;
                            else
                                delete message.model;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.memoryBytes = value;
                            else
                                delete message.memoryBytes;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies an Accelerator message.
             * @function verify
             * @memberof edge.v1.Accelerator
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Accelerator.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.vendor != null && $Object.hasOwnProperty.call(message, "vendor"))
                    if (!$util.isString(message.vendor))
                        return "vendor: string expected";
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    if (!$util.isString(message.model))
                        return "model: string expected";
                if (message.memoryBytes != null && $Object.hasOwnProperty.call(message, "memoryBytes"))
                    if (!$util.isInteger(message.memoryBytes) && !(message.memoryBytes && $util.isInteger(message.memoryBytes.low) && $util.isInteger(message.memoryBytes.high)))
                        return "memoryBytes: integer|Long expected";
                return null;
            };

            /**
             * Creates an Accelerator message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.Accelerator
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.Accelerator} Accelerator
             */
            Accelerator.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.Accelerator)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.Accelerator: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.Accelerator();
                if (object.vendor != null)
                    if (typeof object.vendor !== "string" || object.vendor.length)
                        message.vendor = $String(object.vendor);
                if (object.model != null)
                    if (typeof object.model !== "string" || object.model.length)
                        message.model = $String(object.model);
                if (object.memoryBytes != null)
                    if (typeof object.memoryBytes === "object" ? object.memoryBytes.low || object.memoryBytes.high : $Number(object.memoryBytes) !== 0)
                        if ($util.Long)
                            message.memoryBytes = $util.Long.fromValue(object.memoryBytes, true);
                        else if (typeof object.memoryBytes === "string")
                            message.memoryBytes = $parseInt(object.memoryBytes, 10);
                        else if (typeof object.memoryBytes === "number")
                            message.memoryBytes = object.memoryBytes;
                        else if (typeof object.memoryBytes === "object")
                            message.memoryBytes = new $util.LongBits(object.memoryBytes.low >>> 0, object.memoryBytes.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from an Accelerator message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.Accelerator
             * @static
             * @param {edge.v1.Accelerator} message Accelerator
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Accelerator.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.vendor = "";
                    object.model = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.memoryBytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.memoryBytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.vendor != null && $Object.hasOwnProperty.call(message, "vendor"))
                    object.vendor = message.vendor;
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    object.model = message.model;
                if (message.memoryBytes != null && $Object.hasOwnProperty.call(message, "memoryBytes"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.memoryBytes = typeof message.memoryBytes === "number" ? $BigInt(message.memoryBytes) : $util.Long.fromBits(message.memoryBytes.low >>> 0, message.memoryBytes.high >>> 0, true).toBigInt();
                    else if (typeof message.memoryBytes === "number")
                        object.memoryBytes = options.longs === $String ? $String(message.memoryBytes) : message.memoryBytes;
                    else
                        object.memoryBytes = options.longs === $String ? $util.Long.prototype.toString.call(message.memoryBytes) : options.longs === $Number ? new $util.LongBits(message.memoryBytes.low >>> 0, message.memoryBytes.high >>> 0).toNumber(true) : message.memoryBytes;
                return object;
            };

            /**
             * Converts this Accelerator to JSON.
             * @function toJSON
             * @memberof edge.v1.Accelerator
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Accelerator.prototype.toJSON = function() {
                return Accelerator.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Accelerator
             * @function getTypeUrl
             * @memberof edge.v1.Accelerator
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Accelerator.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.Accelerator";
            };

            return Accelerator;
        })();

        v1.HardwareInventory = (function() {

            /**
             * Properties of a HardwareInventory.
             * @typedef {Object} edge.v1.HardwareInventory.$Properties
             * @property {string|null} [systemManufacturer] HardwareInventory systemManufacturer
             * @property {string|null} [systemModel] HardwareInventory systemModel
             * @property {string|null} [systemSerial] HardwareInventory systemSerial
             * @property {string|null} [systemUuid] HardwareInventory systemUuid
             * @property {string|null} [boardManufacturer] HardwareInventory boardManufacturer
             * @property {string|null} [boardModel] HardwareInventory boardModel
             * @property {string|null} [boardSerial] HardwareInventory boardSerial
             * @property {string|null} [cpuBrand] HardwareInventory cpuBrand
             * @property {number|null} [cpuCores] HardwareInventory cpuCores
             * @property {number|null} [cpuPhysicalCores] HardwareInventory cpuPhysicalCores
             * @property {number|null} [memoryBytes] HardwareInventory memoryBytes
             * @property {Array.<edge.v1.Disk.$Properties>|null} [disks] HardwareInventory disks
             * @property {Array.<edge.v1.NetworkInterface.$Properties>|null} [nics] HardwareInventory nics
             * @property {Array.<edge.v1.Accelerator.$Properties>|null} [accelerators] HardwareInventory accelerators
             * @property {string|null} [osPlatform] HardwareInventory osPlatform
             * @property {string|null} [osDistro] HardwareInventory osDistro
             * @property {string|null} [osRelease] HardwareInventory osRelease
             * @property {string|null} [arch] HardwareInventory arch
             * @property {boolean|null} [virtual] HardwareInventory virtual
             * @property {string|null} [virtualHost] HardwareInventory virtualHost
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a HardwareInventory.
             * @memberof edge.v1
             * @interface IHardwareInventory
             * @augments edge.v1.HardwareInventory.$Properties
             * @deprecated Use edge.v1.HardwareInventory.$Properties instead.
             */

            /**
             * Shape of a HardwareInventory.
             * @typedef {edge.v1.HardwareInventory.$Properties} edge.v1.HardwareInventory.$Shape
             */

            /**
             * Constructs a new HardwareInventory.
             * @memberof edge.v1
             * @classdesc Represents a HardwareInventory.
             * @constructor
             * @param {edge.v1.HardwareInventory.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const HardwareInventory = function (properties) {
                this.disks = [];
                this.nics = [];
                this.accelerators = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * HardwareInventory systemManufacturer.
             * @member {string} systemManufacturer
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.systemManufacturer = "";

            /**
             * HardwareInventory systemModel.
             * @member {string} systemModel
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.systemModel = "";

            /**
             * HardwareInventory systemSerial.
             * @member {string} systemSerial
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.systemSerial = "";

            /**
             * HardwareInventory systemUuid.
             * @member {string} systemUuid
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.systemUuid = "";

            /**
             * HardwareInventory boardManufacturer.
             * @member {string} boardManufacturer
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.boardManufacturer = "";

            /**
             * HardwareInventory boardModel.
             * @member {string} boardModel
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.boardModel = "";

            /**
             * HardwareInventory boardSerial.
             * @member {string} boardSerial
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.boardSerial = "";

            /**
             * HardwareInventory cpuBrand.
             * @member {string} cpuBrand
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.cpuBrand = "";

            /**
             * HardwareInventory cpuCores.
             * @member {number} cpuCores
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.cpuCores = 0;

            /**
             * HardwareInventory cpuPhysicalCores.
             * @member {number} cpuPhysicalCores
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.cpuPhysicalCores = 0;

            /**
             * HardwareInventory memoryBytes.
             * @member {number} memoryBytes
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.memoryBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * HardwareInventory disks.
             * @member {Array.<edge.v1.Disk.$Properties>} disks
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.disks = $util.emptyArray;

            /**
             * HardwareInventory nics.
             * @member {Array.<edge.v1.NetworkInterface.$Properties>} nics
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.nics = $util.emptyArray;

            /**
             * HardwareInventory accelerators.
             * @member {Array.<edge.v1.Accelerator.$Properties>} accelerators
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.accelerators = $util.emptyArray;

            /**
             * HardwareInventory osPlatform.
             * @member {string} osPlatform
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.osPlatform = "";

            /**
             * HardwareInventory osDistro.
             * @member {string} osDistro
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.osDistro = "";

            /**
             * HardwareInventory osRelease.
             * @member {string} osRelease
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.osRelease = "";

            /**
             * HardwareInventory arch.
             * @member {string} arch
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.arch = "";

            /**
             * HardwareInventory virtual.
             * @member {boolean} virtual
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.virtual = false;

            /**
             * HardwareInventory virtualHost.
             * @member {string} virtualHost
             * @memberof edge.v1.HardwareInventory
             * @instance
             */
            HardwareInventory.prototype.virtualHost = "";

            /**
             * Creates a new HardwareInventory instance using the specified properties.
             * @function create
             * @memberof edge.v1.HardwareInventory
             * @static
             * @param {edge.v1.HardwareInventory.$Properties=} [properties] Properties to set
             * @returns {edge.v1.HardwareInventory} HardwareInventory instance
             * @type {{
             *   (properties: edge.v1.HardwareInventory.$Shape): edge.v1.HardwareInventory & edge.v1.HardwareInventory.$Shape;
             *   (properties?: edge.v1.HardwareInventory.$Properties): edge.v1.HardwareInventory;
             * }}
             */
            HardwareInventory.create = function(properties) {
                return new HardwareInventory(properties);
            };

            /**
             * Encodes the specified HardwareInventory message. Does not implicitly {@link edge.v1.HardwareInventory.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.HardwareInventory
             * @static
             * @param {edge.v1.HardwareInventory.$Properties} message HardwareInventory message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HardwareInventory.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.systemManufacturer != null && $Object.hasOwnProperty.call(message, "systemManufacturer") && message.systemManufacturer !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.systemManufacturer);
                if (message.systemModel != null && $Object.hasOwnProperty.call(message, "systemModel") && message.systemModel !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.systemModel);
                if (message.systemSerial != null && $Object.hasOwnProperty.call(message, "systemSerial") && message.systemSerial !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.systemSerial);
                if (message.systemUuid != null && $Object.hasOwnProperty.call(message, "systemUuid") && message.systemUuid !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.systemUuid);
                if (message.boardManufacturer != null && $Object.hasOwnProperty.call(message, "boardManufacturer") && message.boardManufacturer !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.boardManufacturer);
                if (message.boardModel != null && $Object.hasOwnProperty.call(message, "boardModel") && message.boardModel !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.boardModel);
                if (message.boardSerial != null && $Object.hasOwnProperty.call(message, "boardSerial") && message.boardSerial !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.boardSerial);
                if (message.cpuBrand != null && $Object.hasOwnProperty.call(message, "cpuBrand") && message.cpuBrand !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.cpuBrand);
                if (message.cpuCores != null && $Object.hasOwnProperty.call(message, "cpuCores") && message.cpuCores !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.cpuCores);
                if (message.cpuPhysicalCores != null && $Object.hasOwnProperty.call(message, "cpuPhysicalCores") && message.cpuPhysicalCores !== 0)
                    writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.cpuPhysicalCores);
                if (message.memoryBytes != null && $Object.hasOwnProperty.call(message, "memoryBytes") && (typeof message.memoryBytes === "object" ? message.memoryBytes.low || message.memoryBytes.high : message.memoryBytes !== 0))
                    writer.uint32(/* id 11, wireType 0 =*/88).uint64(message.memoryBytes);
                if (message.disks != null && message.disks.length)
                    for (let i = 0; i < message.disks.length; ++i)
                        $root.edge.v1.Disk.encode(message.disks[i], writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.nics != null && message.nics.length)
                    for (let i = 0; i < message.nics.length; ++i)
                        $root.edge.v1.NetworkInterface.encode(message.nics[i], writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.accelerators != null && message.accelerators.length)
                    for (let i = 0; i < message.accelerators.length; ++i)
                        $root.edge.v1.Accelerator.encode(message.accelerators[i], writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.osPlatform != null && $Object.hasOwnProperty.call(message, "osPlatform") && message.osPlatform !== "")
                    writer.uint32(/* id 15, wireType 2 =*/122).string(message.osPlatform);
                if (message.osDistro != null && $Object.hasOwnProperty.call(message, "osDistro") && message.osDistro !== "")
                    writer.uint32(/* id 16, wireType 2 =*/130).string(message.osDistro);
                if (message.osRelease != null && $Object.hasOwnProperty.call(message, "osRelease") && message.osRelease !== "")
                    writer.uint32(/* id 17, wireType 2 =*/138).string(message.osRelease);
                if (message.arch != null && $Object.hasOwnProperty.call(message, "arch") && message.arch !== "")
                    writer.uint32(/* id 18, wireType 2 =*/146).string(message.arch);
                if (message.virtual != null && $Object.hasOwnProperty.call(message, "virtual") && message.virtual !== false)
                    writer.uint32(/* id 19, wireType 0 =*/152).bool(message.virtual);
                if (message.virtualHost != null && $Object.hasOwnProperty.call(message, "virtualHost") && message.virtualHost !== "")
                    writer.uint32(/* id 20, wireType 2 =*/162).string(message.virtualHost);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a HardwareInventory message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.HardwareInventory
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.HardwareInventory & edge.v1.HardwareInventory.$Shape} HardwareInventory
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HardwareInventory.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.HardwareInventory();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.systemManufacturer = value;
                            else
                                delete message.systemManufacturer;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.systemModel = value;
                            else
                                delete message.systemModel;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.systemSerial = value;
                            else
                                delete message.systemSerial;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.systemUuid = value;
                            else
                                delete message.systemUuid;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.boardManufacturer = value;
                            else
                                delete message.boardManufacturer;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.boardModel = value;
                            else
                                delete message.boardModel;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.boardSerial = value;
                            else
                                delete message.boardSerial;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cpuBrand = value;
                            else
                                delete message.cpuBrand;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.cpuCores = value;
                            else
                                delete message.cpuCores;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.cpuPhysicalCores = value;
                            else
                                delete message.cpuPhysicalCores;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.memoryBytes = value;
                            else
                                delete message.memoryBytes;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            if (!(message.disks && message.disks.length))
                                message.disks = [];
                            message.disks.push($root.edge.v1.Disk.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            if (!(message.nics && message.nics.length))
                                message.nics = [];
                            message.nics.push($root.edge.v1.NetworkInterface.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            if (!(message.accelerators && message.accelerators.length))
                                message.accelerators = [];
                            message.accelerators.push($root.edge.v1.Accelerator.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.osPlatform = value;
                            else
                                delete message.osPlatform;
                            continue;
                        }
                    case 16: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.osDistro = value;
                            else
                                delete message.osDistro;
                            continue;
                        }
                    case 17: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.osRelease = value;
                            else
                                delete message.osRelease;
                            continue;
                        }
                    case 18: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.arch = value;
                            else
                                delete message.arch;
                            continue;
                        }
                    case 19: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.virtual = value;
                            else
                                delete message.virtual;
                            continue;
                        }
                    case 20: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.virtualHost = value;
                            else
                                delete message.virtualHost;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a HardwareInventory message.
             * @function verify
             * @memberof edge.v1.HardwareInventory
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            HardwareInventory.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.systemManufacturer != null && $Object.hasOwnProperty.call(message, "systemManufacturer"))
                    if (!$util.isString(message.systemManufacturer))
                        return "systemManufacturer: string expected";
                if (message.systemModel != null && $Object.hasOwnProperty.call(message, "systemModel"))
                    if (!$util.isString(message.systemModel))
                        return "systemModel: string expected";
                if (message.systemSerial != null && $Object.hasOwnProperty.call(message, "systemSerial"))
                    if (!$util.isString(message.systemSerial))
                        return "systemSerial: string expected";
                if (message.systemUuid != null && $Object.hasOwnProperty.call(message, "systemUuid"))
                    if (!$util.isString(message.systemUuid))
                        return "systemUuid: string expected";
                if (message.boardManufacturer != null && $Object.hasOwnProperty.call(message, "boardManufacturer"))
                    if (!$util.isString(message.boardManufacturer))
                        return "boardManufacturer: string expected";
                if (message.boardModel != null && $Object.hasOwnProperty.call(message, "boardModel"))
                    if (!$util.isString(message.boardModel))
                        return "boardModel: string expected";
                if (message.boardSerial != null && $Object.hasOwnProperty.call(message, "boardSerial"))
                    if (!$util.isString(message.boardSerial))
                        return "boardSerial: string expected";
                if (message.cpuBrand != null && $Object.hasOwnProperty.call(message, "cpuBrand"))
                    if (!$util.isString(message.cpuBrand))
                        return "cpuBrand: string expected";
                if (message.cpuCores != null && $Object.hasOwnProperty.call(message, "cpuCores"))
                    if (!$util.isInteger(message.cpuCores))
                        return "cpuCores: integer expected";
                if (message.cpuPhysicalCores != null && $Object.hasOwnProperty.call(message, "cpuPhysicalCores"))
                    if (!$util.isInteger(message.cpuPhysicalCores))
                        return "cpuPhysicalCores: integer expected";
                if (message.memoryBytes != null && $Object.hasOwnProperty.call(message, "memoryBytes"))
                    if (!$util.isInteger(message.memoryBytes) && !(message.memoryBytes && $util.isInteger(message.memoryBytes.low) && $util.isInteger(message.memoryBytes.high)))
                        return "memoryBytes: integer|Long expected";
                if (message.disks != null && $Object.hasOwnProperty.call(message, "disks")) {
                    if (!$Array.isArray(message.disks))
                        return "disks: array expected";
                    for (let i = 0; i < message.disks.length; ++i) {
                        let error = $root.edge.v1.Disk.verify(message.disks[i], _depth + 1);
                        if (error)
                            return "disks." + error;
                    }
                }
                if (message.nics != null && $Object.hasOwnProperty.call(message, "nics")) {
                    if (!$Array.isArray(message.nics))
                        return "nics: array expected";
                    for (let i = 0; i < message.nics.length; ++i) {
                        let error = $root.edge.v1.NetworkInterface.verify(message.nics[i], _depth + 1);
                        if (error)
                            return "nics." + error;
                    }
                }
                if (message.accelerators != null && $Object.hasOwnProperty.call(message, "accelerators")) {
                    if (!$Array.isArray(message.accelerators))
                        return "accelerators: array expected";
                    for (let i = 0; i < message.accelerators.length; ++i) {
                        let error = $root.edge.v1.Accelerator.verify(message.accelerators[i], _depth + 1);
                        if (error)
                            return "accelerators." + error;
                    }
                }
                if (message.osPlatform != null && $Object.hasOwnProperty.call(message, "osPlatform"))
                    if (!$util.isString(message.osPlatform))
                        return "osPlatform: string expected";
                if (message.osDistro != null && $Object.hasOwnProperty.call(message, "osDistro"))
                    if (!$util.isString(message.osDistro))
                        return "osDistro: string expected";
                if (message.osRelease != null && $Object.hasOwnProperty.call(message, "osRelease"))
                    if (!$util.isString(message.osRelease))
                        return "osRelease: string expected";
                if (message.arch != null && $Object.hasOwnProperty.call(message, "arch"))
                    if (!$util.isString(message.arch))
                        return "arch: string expected";
                if (message.virtual != null && $Object.hasOwnProperty.call(message, "virtual"))
                    if (typeof message.virtual !== "boolean")
                        return "virtual: boolean expected";
                if (message.virtualHost != null && $Object.hasOwnProperty.call(message, "virtualHost"))
                    if (!$util.isString(message.virtualHost))
                        return "virtualHost: string expected";
                return null;
            };

            /**
             * Creates a HardwareInventory message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.HardwareInventory
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.HardwareInventory} HardwareInventory
             */
            HardwareInventory.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.HardwareInventory)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.HardwareInventory: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.HardwareInventory();
                if (object.systemManufacturer != null)
                    if (typeof object.systemManufacturer !== "string" || object.systemManufacturer.length)
                        message.systemManufacturer = $String(object.systemManufacturer);
                if (object.systemModel != null)
                    if (typeof object.systemModel !== "string" || object.systemModel.length)
                        message.systemModel = $String(object.systemModel);
                if (object.systemSerial != null)
                    if (typeof object.systemSerial !== "string" || object.systemSerial.length)
                        message.systemSerial = $String(object.systemSerial);
                if (object.systemUuid != null)
                    if (typeof object.systemUuid !== "string" || object.systemUuid.length)
                        message.systemUuid = $String(object.systemUuid);
                if (object.boardManufacturer != null)
                    if (typeof object.boardManufacturer !== "string" || object.boardManufacturer.length)
                        message.boardManufacturer = $String(object.boardManufacturer);
                if (object.boardModel != null)
                    if (typeof object.boardModel !== "string" || object.boardModel.length)
                        message.boardModel = $String(object.boardModel);
                if (object.boardSerial != null)
                    if (typeof object.boardSerial !== "string" || object.boardSerial.length)
                        message.boardSerial = $String(object.boardSerial);
                if (object.cpuBrand != null)
                    if (typeof object.cpuBrand !== "string" || object.cpuBrand.length)
                        message.cpuBrand = $String(object.cpuBrand);
                if (object.cpuCores != null)
                    if ($Number(object.cpuCores) !== 0)
                        message.cpuCores = object.cpuCores >>> 0;
                if (object.cpuPhysicalCores != null)
                    if ($Number(object.cpuPhysicalCores) !== 0)
                        message.cpuPhysicalCores = object.cpuPhysicalCores >>> 0;
                if (object.memoryBytes != null)
                    if (typeof object.memoryBytes === "object" ? object.memoryBytes.low || object.memoryBytes.high : $Number(object.memoryBytes) !== 0)
                        if ($util.Long)
                            message.memoryBytes = $util.Long.fromValue(object.memoryBytes, true);
                        else if (typeof object.memoryBytes === "string")
                            message.memoryBytes = $parseInt(object.memoryBytes, 10);
                        else if (typeof object.memoryBytes === "number")
                            message.memoryBytes = object.memoryBytes;
                        else if (typeof object.memoryBytes === "object")
                            message.memoryBytes = new $util.LongBits(object.memoryBytes.low >>> 0, object.memoryBytes.high >>> 0).toNumber(true);
                if (object.disks) {
                    if (!$Array.isArray(object.disks))
                        throw $TypeError(".edge.v1.HardwareInventory.disks: array expected");
                    message.disks = $Array(object.disks.length);
                    for (let i = 0; i < object.disks.length; ++i) {
                        if (!$util.isObject(object.disks[i]))
                            throw $TypeError(".edge.v1.HardwareInventory.disks: object expected");
                        message.disks[i] = $root.edge.v1.Disk.fromObject(object.disks[i], _depth + 1);
                    }
                }
                if (object.nics) {
                    if (!$Array.isArray(object.nics))
                        throw $TypeError(".edge.v1.HardwareInventory.nics: array expected");
                    message.nics = $Array(object.nics.length);
                    for (let i = 0; i < object.nics.length; ++i) {
                        if (!$util.isObject(object.nics[i]))
                            throw $TypeError(".edge.v1.HardwareInventory.nics: object expected");
                        message.nics[i] = $root.edge.v1.NetworkInterface.fromObject(object.nics[i], _depth + 1);
                    }
                }
                if (object.accelerators) {
                    if (!$Array.isArray(object.accelerators))
                        throw $TypeError(".edge.v1.HardwareInventory.accelerators: array expected");
                    message.accelerators = $Array(object.accelerators.length);
                    for (let i = 0; i < object.accelerators.length; ++i) {
                        if (!$util.isObject(object.accelerators[i]))
                            throw $TypeError(".edge.v1.HardwareInventory.accelerators: object expected");
                        message.accelerators[i] = $root.edge.v1.Accelerator.fromObject(object.accelerators[i], _depth + 1);
                    }
                }
                if (object.osPlatform != null)
                    if (typeof object.osPlatform !== "string" || object.osPlatform.length)
                        message.osPlatform = $String(object.osPlatform);
                if (object.osDistro != null)
                    if (typeof object.osDistro !== "string" || object.osDistro.length)
                        message.osDistro = $String(object.osDistro);
                if (object.osRelease != null)
                    if (typeof object.osRelease !== "string" || object.osRelease.length)
                        message.osRelease = $String(object.osRelease);
                if (object.arch != null)
                    if (typeof object.arch !== "string" || object.arch.length)
                        message.arch = $String(object.arch);
                if (object.virtual != null)
                    if (object.virtual)
                        message.virtual = $Boolean(object.virtual);
                if (object.virtualHost != null)
                    if (typeof object.virtualHost !== "string" || object.virtualHost.length)
                        message.virtualHost = $String(object.virtualHost);
                return message;
            };

            /**
             * Creates a plain object from a HardwareInventory message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.HardwareInventory
             * @static
             * @param {edge.v1.HardwareInventory} message HardwareInventory
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            HardwareInventory.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.disks = [];
                    object.nics = [];
                    object.accelerators = [];
                }
                if (options.defaults) {
                    object.systemManufacturer = "";
                    object.systemModel = "";
                    object.systemSerial = "";
                    object.systemUuid = "";
                    object.boardManufacturer = "";
                    object.boardModel = "";
                    object.boardSerial = "";
                    object.cpuBrand = "";
                    object.cpuCores = 0;
                    object.cpuPhysicalCores = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.memoryBytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.memoryBytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.osPlatform = "";
                    object.osDistro = "";
                    object.osRelease = "";
                    object.arch = "";
                    object.virtual = false;
                    object.virtualHost = "";
                }
                if (message.systemManufacturer != null && $Object.hasOwnProperty.call(message, "systemManufacturer"))
                    object.systemManufacturer = message.systemManufacturer;
                if (message.systemModel != null && $Object.hasOwnProperty.call(message, "systemModel"))
                    object.systemModel = message.systemModel;
                if (message.systemSerial != null && $Object.hasOwnProperty.call(message, "systemSerial"))
                    object.systemSerial = message.systemSerial;
                if (message.systemUuid != null && $Object.hasOwnProperty.call(message, "systemUuid"))
                    object.systemUuid = message.systemUuid;
                if (message.boardManufacturer != null && $Object.hasOwnProperty.call(message, "boardManufacturer"))
                    object.boardManufacturer = message.boardManufacturer;
                if (message.boardModel != null && $Object.hasOwnProperty.call(message, "boardModel"))
                    object.boardModel = message.boardModel;
                if (message.boardSerial != null && $Object.hasOwnProperty.call(message, "boardSerial"))
                    object.boardSerial = message.boardSerial;
                if (message.cpuBrand != null && $Object.hasOwnProperty.call(message, "cpuBrand"))
                    object.cpuBrand = message.cpuBrand;
                if (message.cpuCores != null && $Object.hasOwnProperty.call(message, "cpuCores"))
                    object.cpuCores = message.cpuCores;
                if (message.cpuPhysicalCores != null && $Object.hasOwnProperty.call(message, "cpuPhysicalCores"))
                    object.cpuPhysicalCores = message.cpuPhysicalCores;
                if (message.memoryBytes != null && $Object.hasOwnProperty.call(message, "memoryBytes"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.memoryBytes = typeof message.memoryBytes === "number" ? $BigInt(message.memoryBytes) : $util.Long.fromBits(message.memoryBytes.low >>> 0, message.memoryBytes.high >>> 0, true).toBigInt();
                    else if (typeof message.memoryBytes === "number")
                        object.memoryBytes = options.longs === $String ? $String(message.memoryBytes) : message.memoryBytes;
                    else
                        object.memoryBytes = options.longs === $String ? $util.Long.prototype.toString.call(message.memoryBytes) : options.longs === $Number ? new $util.LongBits(message.memoryBytes.low >>> 0, message.memoryBytes.high >>> 0).toNumber(true) : message.memoryBytes;
                if (message.disks && message.disks.length) {
                    object.disks = $Array(message.disks.length);
                    for (let j = 0; j < message.disks.length; ++j)
                        object.disks[j] = $root.edge.v1.Disk.toObject(message.disks[j], options, _depth + 1);
                }
                if (message.nics && message.nics.length) {
                    object.nics = $Array(message.nics.length);
                    for (let j = 0; j < message.nics.length; ++j)
                        object.nics[j] = $root.edge.v1.NetworkInterface.toObject(message.nics[j], options, _depth + 1);
                }
                if (message.accelerators && message.accelerators.length) {
                    object.accelerators = $Array(message.accelerators.length);
                    for (let j = 0; j < message.accelerators.length; ++j)
                        object.accelerators[j] = $root.edge.v1.Accelerator.toObject(message.accelerators[j], options, _depth + 1);
                }
                if (message.osPlatform != null && $Object.hasOwnProperty.call(message, "osPlatform"))
                    object.osPlatform = message.osPlatform;
                if (message.osDistro != null && $Object.hasOwnProperty.call(message, "osDistro"))
                    object.osDistro = message.osDistro;
                if (message.osRelease != null && $Object.hasOwnProperty.call(message, "osRelease"))
                    object.osRelease = message.osRelease;
                if (message.arch != null && $Object.hasOwnProperty.call(message, "arch"))
                    object.arch = message.arch;
                if (message.virtual != null && $Object.hasOwnProperty.call(message, "virtual"))
                    object.virtual = message.virtual;
                if (message.virtualHost != null && $Object.hasOwnProperty.call(message, "virtualHost"))
                    object.virtualHost = message.virtualHost;
                return object;
            };

            /**
             * Converts this HardwareInventory to JSON.
             * @function toJSON
             * @memberof edge.v1.HardwareInventory
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            HardwareInventory.prototype.toJSON = function() {
                return HardwareInventory.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for HardwareInventory
             * @function getTypeUrl
             * @memberof edge.v1.HardwareInventory
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            HardwareInventory.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.HardwareInventory";
            };

            return HardwareInventory;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} edge.v1.Hello.$Properties
             * @property {string|null} [agentVersion] Hello agentVersion
             * @property {edge.v1.DeviceKind|null} [kind] Hello kind
             * @property {edge.v1.HardwareInventory.$Properties|null} [inventory] Hello inventory
             * @property {string|null} [fingerprint] Hello fingerprint
             * @property {number|null} [heartbeatIntervalMs] Hello heartbeatIntervalMs
             * @property {number|null} [deviceTimeMs] Hello deviceTimeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof edge.v1
             * @interface IHello
             * @augments edge.v1.Hello.$Properties
             * @deprecated Use edge.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {edge.v1.Hello.$Properties} edge.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof edge.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {edge.v1.Hello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Hello agentVersion.
             * @member {string} agentVersion
             * @memberof edge.v1.Hello
             * @instance
             */
            Hello.prototype.agentVersion = "";

            /**
             * Hello kind.
             * @member {edge.v1.DeviceKind} kind
             * @memberof edge.v1.Hello
             * @instance
             */
            Hello.prototype.kind = 0;

            /**
             * Hello inventory.
             * @member {edge.v1.HardwareInventory.$Properties|null|undefined} inventory
             * @memberof edge.v1.Hello
             * @instance
             */
            Hello.prototype.inventory = null;

            /**
             * Hello fingerprint.
             * @member {string} fingerprint
             * @memberof edge.v1.Hello
             * @instance
             */
            Hello.prototype.fingerprint = "";

            /**
             * Hello heartbeatIntervalMs.
             * @member {number} heartbeatIntervalMs
             * @memberof edge.v1.Hello
             * @instance
             */
            Hello.prototype.heartbeatIntervalMs = 0;

            /**
             * Hello deviceTimeMs.
             * @member {number} deviceTimeMs
             * @memberof edge.v1.Hello
             * @instance
             */
            Hello.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof edge.v1.Hello
             * @static
             * @param {edge.v1.Hello.$Properties=} [properties] Properties to set
             * @returns {edge.v1.Hello} Hello instance
             * @type {{
             *   (properties: edge.v1.Hello.$Shape): edge.v1.Hello & edge.v1.Hello.$Shape;
             *   (properties?: edge.v1.Hello.$Properties): edge.v1.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link edge.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.Hello
             * @static
             * @param {edge.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion") && message.agentVersion !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.agentVersion);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.kind);
                if (message.inventory != null && $Object.hasOwnProperty.call(message, "inventory"))
                    $root.edge.v1.HardwareInventory.encode(message.inventory, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.fingerprint != null && $Object.hasOwnProperty.call(message, "fingerprint") && message.fingerprint !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.fingerprint);
                if (message.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalMs") && message.heartbeatIntervalMs !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.heartbeatIntervalMs);
                if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).int64(message.deviceTimeMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.Hello & edge.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.Hello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.agentVersion = value;
                            else
                                delete message.agentVersion;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.inventory = $root.edge.v1.HardwareInventory.decode(reader, reader.size(), $undefined, _depth + 1, message.inventory);
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.fingerprint = value;
                            else
                                delete message.fingerprint;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.heartbeatIntervalMs = value;
                            else
                                delete message.heartbeatIntervalMs;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.deviceTimeMs = value;
                            else
                                delete message.deviceTimeMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a Hello message.
             * @function verify
             * @memberof edge.v1.Hello
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Hello.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion"))
                    if (!$util.isString(message.agentVersion))
                        return "agentVersion: string expected";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (typeof message.kind !== "number" || (message.kind | 0) !== message.kind)
                        return "kind: enum value expected";
                if (message.inventory != null && $Object.hasOwnProperty.call(message, "inventory")) {
                    let error = $root.edge.v1.HardwareInventory.verify(message.inventory, _depth + 1);
                    if (error)
                        return "inventory." + error;
                }
                if (message.fingerprint != null && $Object.hasOwnProperty.call(message, "fingerprint"))
                    if (!$util.isString(message.fingerprint))
                        return "fingerprint: string expected";
                if (message.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalMs"))
                    if (!$util.isInteger(message.heartbeatIntervalMs))
                        return "heartbeatIntervalMs: integer expected";
                if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                    if (!$util.isInteger(message.deviceTimeMs) && !(message.deviceTimeMs && $util.isInteger(message.deviceTimeMs.low) && $util.isInteger(message.deviceTimeMs.high)))
                        return "deviceTimeMs: integer|Long expected";
                return null;
            };

            /**
             * Creates a Hello message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.Hello
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.Hello} Hello
             */
            Hello.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.Hello)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.Hello: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.Hello();
                if (object.agentVersion != null)
                    if (typeof object.agentVersion !== "string" || object.agentVersion.length)
                        message.agentVersion = $String(object.agentVersion);
                if (object.kind !== 0 && (typeof object.kind !== "string" || $root.edge.v1.DeviceKind[object.kind] !== 0))
                    switch (object.kind) {
                    case "DEVICE_KIND_UNSPECIFIED":
                    case 0:
                        message.kind = 0;
                        break;
                    case "COMPUTE_BOX":
                    case 1:
                        message.kind = 1;
                        break;
                    case "INDUSTRIAL_PC":
                    case 2:
                        message.kind = 2;
                        break;
                    case "SERVER":
                    case 3:
                        message.kind = 3;
                        break;
                    default:
                        if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                            message.kind = object.kind;
                    }
                if (object.inventory != null) {
                    if (!$util.isObject(object.inventory))
                        throw $TypeError(".edge.v1.Hello.inventory: object expected");
                    message.inventory = $root.edge.v1.HardwareInventory.fromObject(object.inventory, _depth + 1);
                }
                if (object.fingerprint != null)
                    if (typeof object.fingerprint !== "string" || object.fingerprint.length)
                        message.fingerprint = $String(object.fingerprint);
                if (object.heartbeatIntervalMs != null)
                    if ($Number(object.heartbeatIntervalMs) !== 0)
                        message.heartbeatIntervalMs = object.heartbeatIntervalMs >>> 0;
                if (object.deviceTimeMs != null)
                    if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                        if ($util.Long)
                            message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, false);
                        else if (typeof object.deviceTimeMs === "string")
                            message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                        else if (typeof object.deviceTimeMs === "number")
                            message.deviceTimeMs = object.deviceTimeMs;
                        else if (typeof object.deviceTimeMs === "object")
                            message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a Hello message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.Hello
             * @static
             * @param {edge.v1.Hello} message Hello
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Hello.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.agentVersion = "";
                    object.kind = options.enums === $String ? "DEVICE_KIND_UNSPECIFIED" : 0;
                    object.inventory = null;
                    object.fingerprint = "";
                    object.heartbeatIntervalMs = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion"))
                    object.agentVersion = message.agentVersion;
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = options.enums === $String ? $root.edge.v1.DeviceKind[message.kind] === $undefined ? message.kind : $root.edge.v1.DeviceKind[message.kind] : message.kind;
                if (message.inventory != null && $Object.hasOwnProperty.call(message, "inventory"))
                    object.inventory = $root.edge.v1.HardwareInventory.toObject(message.inventory, options, _depth + 1);
                if (message.fingerprint != null && $Object.hasOwnProperty.call(message, "fingerprint"))
                    object.fingerprint = message.fingerprint;
                if (message.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalMs"))
                    object.heartbeatIntervalMs = message.heartbeatIntervalMs;
                if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof message.deviceTimeMs === "number")
                        object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                    else
                        object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber() : message.deviceTimeMs;
                return object;
            };

            /**
             * Converts this Hello to JSON.
             * @function toJSON
             * @memberof edge.v1.Hello
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Hello.prototype.toJSON = function() {
                return Hello.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Hello
             * @function getTypeUrl
             * @memberof edge.v1.Hello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Hello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.Hello";
            };

            return Hello;
        })();

        v1.AcceleratorUsage = (function() {

            /**
             * Properties of an AcceleratorUsage.
             * @typedef {Object} edge.v1.AcceleratorUsage.$Properties
             * @property {string|null} [model] AcceleratorUsage model
             * @property {number|null} [utilizationPercent] AcceleratorUsage utilizationPercent
             * @property {number|null} [memoryUsedBytes] AcceleratorUsage memoryUsedBytes
             * @property {number|null} [temperatureC] AcceleratorUsage temperatureC
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AcceleratorUsage.
             * @memberof edge.v1
             * @interface IAcceleratorUsage
             * @augments edge.v1.AcceleratorUsage.$Properties
             * @deprecated Use edge.v1.AcceleratorUsage.$Properties instead.
             */

            /**
             * Shape of an AcceleratorUsage.
             * @typedef {edge.v1.AcceleratorUsage.$Properties} edge.v1.AcceleratorUsage.$Shape
             */

            /**
             * Constructs a new AcceleratorUsage.
             * @memberof edge.v1
             * @classdesc Represents an AcceleratorUsage.
             * @constructor
             * @param {edge.v1.AcceleratorUsage.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AcceleratorUsage = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AcceleratorUsage model.
             * @member {string} model
             * @memberof edge.v1.AcceleratorUsage
             * @instance
             */
            AcceleratorUsage.prototype.model = "";

            /**
             * AcceleratorUsage utilizationPercent.
             * @member {number} utilizationPercent
             * @memberof edge.v1.AcceleratorUsage
             * @instance
             */
            AcceleratorUsage.prototype.utilizationPercent = 0;

            /**
             * AcceleratorUsage memoryUsedBytes.
             * @member {number} memoryUsedBytes
             * @memberof edge.v1.AcceleratorUsage
             * @instance
             */
            AcceleratorUsage.prototype.memoryUsedBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AcceleratorUsage temperatureC.
             * @member {number|null|undefined} temperatureC
             * @memberof edge.v1.AcceleratorUsage
             * @instance
             */
            AcceleratorUsage.prototype.temperatureC = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(AcceleratorUsage.prototype, "_temperatureC", {
                get: $util.oneOfGetter($oneOfFields = ["temperatureC"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new AcceleratorUsage instance using the specified properties.
             * @function create
             * @memberof edge.v1.AcceleratorUsage
             * @static
             * @param {edge.v1.AcceleratorUsage.$Properties=} [properties] Properties to set
             * @returns {edge.v1.AcceleratorUsage} AcceleratorUsage instance
             * @type {{
             *   (properties: edge.v1.AcceleratorUsage.$Shape): edge.v1.AcceleratorUsage & edge.v1.AcceleratorUsage.$Shape;
             *   (properties?: edge.v1.AcceleratorUsage.$Properties): edge.v1.AcceleratorUsage;
             * }}
             */
            AcceleratorUsage.create = function(properties) {
                return new AcceleratorUsage(properties);
            };

            /**
             * Encodes the specified AcceleratorUsage message. Does not implicitly {@link edge.v1.AcceleratorUsage.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.AcceleratorUsage
             * @static
             * @param {edge.v1.AcceleratorUsage.$Properties} message AcceleratorUsage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AcceleratorUsage.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.model != null && $Object.hasOwnProperty.call(message, "model") && message.model !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.model);
                if (message.utilizationPercent != null && $Object.hasOwnProperty.call(message, "utilizationPercent") && !$Object.is(message.utilizationPercent, 0))
                    writer.uint32(/* id 2, wireType 5 =*/21).float(message.utilizationPercent);
                if (message.memoryUsedBytes != null && $Object.hasOwnProperty.call(message, "memoryUsedBytes") && (typeof message.memoryUsedBytes === "object" ? message.memoryUsedBytes.low || message.memoryUsedBytes.high : message.memoryUsedBytes !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.memoryUsedBytes);
                if (message.temperatureC != null && $Object.hasOwnProperty.call(message, "temperatureC"))
                    writer.uint32(/* id 4, wireType 5 =*/37).float(message.temperatureC);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AcceleratorUsage message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.AcceleratorUsage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.AcceleratorUsage & edge.v1.AcceleratorUsage.$Shape} AcceleratorUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AcceleratorUsage.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.AcceleratorUsage();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.model = value;
                            else
                                delete message.model;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 5)
                                break;
                            if (!$Object.is(value = reader.float(), 0))
                                message.utilizationPercent = value;
                            else
                                delete message.utilizationPercent;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.memoryUsedBytes = value;
                            else
                                delete message.memoryUsedBytes;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 5)
                                break;
                            message.temperatureC = reader.float();
                            message._temperatureC = "temperatureC";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies an AcceleratorUsage message.
             * @function verify
             * @memberof edge.v1.AcceleratorUsage
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AcceleratorUsage.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    if (!$util.isString(message.model))
                        return "model: string expected";
                if (message.utilizationPercent != null && $Object.hasOwnProperty.call(message, "utilizationPercent"))
                    if (typeof message.utilizationPercent !== "number")
                        return "utilizationPercent: number expected";
                if (message.memoryUsedBytes != null && $Object.hasOwnProperty.call(message, "memoryUsedBytes"))
                    if (!$util.isInteger(message.memoryUsedBytes) && !(message.memoryUsedBytes && $util.isInteger(message.memoryUsedBytes.low) && $util.isInteger(message.memoryUsedBytes.high)))
                        return "memoryUsedBytes: integer|Long expected";
                if (message.temperatureC != null && $Object.hasOwnProperty.call(message, "temperatureC")) {
                    properties._temperatureC = 1;
                    if (typeof message.temperatureC !== "number")
                        return "temperatureC: number expected";
                }
                return null;
            };

            /**
             * Creates an AcceleratorUsage message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.AcceleratorUsage
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.AcceleratorUsage} AcceleratorUsage
             */
            AcceleratorUsage.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.AcceleratorUsage)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.AcceleratorUsage: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.AcceleratorUsage();
                if (object.model != null)
                    if (typeof object.model !== "string" || object.model.length)
                        message.model = $String(object.model);
                if (object.utilizationPercent != null)
                    if (!$Object.is($Number(object.utilizationPercent), 0))
                        message.utilizationPercent = $Number(object.utilizationPercent);
                if (object.memoryUsedBytes != null)
                    if (typeof object.memoryUsedBytes === "object" ? object.memoryUsedBytes.low || object.memoryUsedBytes.high : $Number(object.memoryUsedBytes) !== 0)
                        if ($util.Long)
                            message.memoryUsedBytes = $util.Long.fromValue(object.memoryUsedBytes, true);
                        else if (typeof object.memoryUsedBytes === "string")
                            message.memoryUsedBytes = $parseInt(object.memoryUsedBytes, 10);
                        else if (typeof object.memoryUsedBytes === "number")
                            message.memoryUsedBytes = object.memoryUsedBytes;
                        else if (typeof object.memoryUsedBytes === "object")
                            message.memoryUsedBytes = new $util.LongBits(object.memoryUsedBytes.low >>> 0, object.memoryUsedBytes.high >>> 0).toNumber(true);
                if (object.temperatureC != null)
                    message.temperatureC = $Number(object.temperatureC);
                return message;
            };

            /**
             * Creates a plain object from an AcceleratorUsage message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.AcceleratorUsage
             * @static
             * @param {edge.v1.AcceleratorUsage} message AcceleratorUsage
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AcceleratorUsage.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.model = "";
                    object.utilizationPercent = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.memoryUsedBytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.memoryUsedBytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.model != null && $Object.hasOwnProperty.call(message, "model"))
                    object.model = message.model;
                if (message.utilizationPercent != null && $Object.hasOwnProperty.call(message, "utilizationPercent"))
                    object.utilizationPercent = options.json && !$isFinite(message.utilizationPercent) ? $String(message.utilizationPercent) : message.utilizationPercent;
                if (message.memoryUsedBytes != null && $Object.hasOwnProperty.call(message, "memoryUsedBytes"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.memoryUsedBytes = typeof message.memoryUsedBytes === "number" ? $BigInt(message.memoryUsedBytes) : $util.Long.fromBits(message.memoryUsedBytes.low >>> 0, message.memoryUsedBytes.high >>> 0, true).toBigInt();
                    else if (typeof message.memoryUsedBytes === "number")
                        object.memoryUsedBytes = options.longs === $String ? $String(message.memoryUsedBytes) : message.memoryUsedBytes;
                    else
                        object.memoryUsedBytes = options.longs === $String ? $util.Long.prototype.toString.call(message.memoryUsedBytes) : options.longs === $Number ? new $util.LongBits(message.memoryUsedBytes.low >>> 0, message.memoryUsedBytes.high >>> 0).toNumber(true) : message.memoryUsedBytes;
                if (message.temperatureC != null && $Object.hasOwnProperty.call(message, "temperatureC"))
                    object.temperatureC = options.json && !$isFinite(message.temperatureC) ? $String(message.temperatureC) : message.temperatureC;
                return object;
            };

            /**
             * Converts this AcceleratorUsage to JSON.
             * @function toJSON
             * @memberof edge.v1.AcceleratorUsage
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AcceleratorUsage.prototype.toJSON = function() {
                return AcceleratorUsage.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AcceleratorUsage
             * @function getTypeUrl
             * @memberof edge.v1.AcceleratorUsage
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AcceleratorUsage.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.AcceleratorUsage";
            };

            return AcceleratorUsage;
        })();

        v1.ModelCounters = (function() {

            /**
             * Properties of a ModelCounters.
             * @typedef {Object} edge.v1.ModelCounters.$Properties
             * @property {string|null} [name] ModelCounters name
             * @property {string|null} [sha256] ModelCounters sha256
             * @property {number|null} [count] ModelCounters count
             * @property {number|null} [errors] ModelCounters errors
             * @property {number|null} [p50Ms] ModelCounters p50Ms
             * @property {number|null} [p99Ms] ModelCounters p99Ms
             * @property {string|null} [workstationCode] ModelCounters workstationCode
             * @property {boolean|null} [loaded] ModelCounters loaded
             * @property {string|null} [lastError] ModelCounters lastError
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ModelCounters.
             * @memberof edge.v1
             * @interface IModelCounters
             * @augments edge.v1.ModelCounters.$Properties
             * @deprecated Use edge.v1.ModelCounters.$Properties instead.
             */

            /**
             * Shape of a ModelCounters.
             * @typedef {edge.v1.ModelCounters.$Properties} edge.v1.ModelCounters.$Shape
             */

            /**
             * Constructs a new ModelCounters.
             * @memberof edge.v1
             * @classdesc Represents a ModelCounters.
             * @constructor
             * @param {edge.v1.ModelCounters.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ModelCounters = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ModelCounters name.
             * @member {string} name
             * @memberof edge.v1.ModelCounters
             * @instance
             */
            ModelCounters.prototype.name = "";

            /**
             * ModelCounters sha256.
             * @member {string} sha256
             * @memberof edge.v1.ModelCounters
             * @instance
             */
            ModelCounters.prototype.sha256 = "";

            /**
             * ModelCounters count.
             * @member {number} count
             * @memberof edge.v1.ModelCounters
             * @instance
             */
            ModelCounters.prototype.count = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ModelCounters errors.
             * @member {number} errors
             * @memberof edge.v1.ModelCounters
             * @instance
             */
            ModelCounters.prototype.errors = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ModelCounters p50Ms.
             * @member {number} p50Ms
             * @memberof edge.v1.ModelCounters
             * @instance
             */
            ModelCounters.prototype.p50Ms = 0;

            /**
             * ModelCounters p99Ms.
             * @member {number} p99Ms
             * @memberof edge.v1.ModelCounters
             * @instance
             */
            ModelCounters.prototype.p99Ms = 0;

            /**
             * ModelCounters workstationCode.
             * @member {string} workstationCode
             * @memberof edge.v1.ModelCounters
             * @instance
             */
            ModelCounters.prototype.workstationCode = "";

            /**
             * ModelCounters loaded.
             * @member {boolean} loaded
             * @memberof edge.v1.ModelCounters
             * @instance
             */
            ModelCounters.prototype.loaded = false;

            /**
             * ModelCounters lastError.
             * @member {string} lastError
             * @memberof edge.v1.ModelCounters
             * @instance
             */
            ModelCounters.prototype.lastError = "";

            /**
             * Creates a new ModelCounters instance using the specified properties.
             * @function create
             * @memberof edge.v1.ModelCounters
             * @static
             * @param {edge.v1.ModelCounters.$Properties=} [properties] Properties to set
             * @returns {edge.v1.ModelCounters} ModelCounters instance
             * @type {{
             *   (properties: edge.v1.ModelCounters.$Shape): edge.v1.ModelCounters & edge.v1.ModelCounters.$Shape;
             *   (properties?: edge.v1.ModelCounters.$Properties): edge.v1.ModelCounters;
             * }}
             */
            ModelCounters.create = function(properties) {
                return new ModelCounters(properties);
            };

            /**
             * Encodes the specified ModelCounters message. Does not implicitly {@link edge.v1.ModelCounters.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.ModelCounters
             * @static
             * @param {edge.v1.ModelCounters.$Properties} message ModelCounters message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ModelCounters.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256 !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.sha256);
                if (message.count != null && $Object.hasOwnProperty.call(message, "count") && (typeof message.count === "object" ? message.count.low || message.count.high : message.count !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.count);
                if (message.errors != null && $Object.hasOwnProperty.call(message, "errors") && (typeof message.errors === "object" ? message.errors.low || message.errors.high : message.errors !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.errors);
                if (message.p50Ms != null && $Object.hasOwnProperty.call(message, "p50Ms") && !$Object.is(message.p50Ms, 0))
                    writer.uint32(/* id 5, wireType 5 =*/45).float(message.p50Ms);
                if (message.p99Ms != null && $Object.hasOwnProperty.call(message, "p99Ms") && !$Object.is(message.p99Ms, 0))
                    writer.uint32(/* id 6, wireType 5 =*/53).float(message.p99Ms);
                if (message.workstationCode != null && $Object.hasOwnProperty.call(message, "workstationCode") && message.workstationCode !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.workstationCode);
                if (message.loaded != null && $Object.hasOwnProperty.call(message, "loaded") && message.loaded !== false)
                    writer.uint32(/* id 8, wireType 0 =*/64).bool(message.loaded);
                if (message.lastError != null && $Object.hasOwnProperty.call(message, "lastError") && message.lastError !== "")
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.lastError);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ModelCounters message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.ModelCounters
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.ModelCounters & edge.v1.ModelCounters.$Shape} ModelCounters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ModelCounters.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.ModelCounters();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sha256 = value;
                            else
                                delete message.sha256;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.count = value;
                            else
                                delete message.count;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.errors = value;
                            else
                                delete message.errors;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 5)
                                break;
                            if (!$Object.is(value = reader.float(), 0))
                                message.p50Ms = value;
                            else
                                delete message.p50Ms;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 5)
                                break;
                            if (!$Object.is(value = reader.float(), 0))
                                message.p99Ms = value;
                            else
                                delete message.p99Ms;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.workstationCode = value;
                            else
                                delete message.workstationCode;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.loaded = value;
                            else
                                delete message.loaded;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.lastError = value;
                            else
                                delete message.lastError;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a ModelCounters message.
             * @function verify
             * @memberof edge.v1.ModelCounters
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ModelCounters.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    if (!$util.isString(message.sha256))
                        return "sha256: string expected";
                if (message.count != null && $Object.hasOwnProperty.call(message, "count"))
                    if (!$util.isInteger(message.count) && !(message.count && $util.isInteger(message.count.low) && $util.isInteger(message.count.high)))
                        return "count: integer|Long expected";
                if (message.errors != null && $Object.hasOwnProperty.call(message, "errors"))
                    if (!$util.isInteger(message.errors) && !(message.errors && $util.isInteger(message.errors.low) && $util.isInteger(message.errors.high)))
                        return "errors: integer|Long expected";
                if (message.p50Ms != null && $Object.hasOwnProperty.call(message, "p50Ms"))
                    if (typeof message.p50Ms !== "number")
                        return "p50Ms: number expected";
                if (message.p99Ms != null && $Object.hasOwnProperty.call(message, "p99Ms"))
                    if (typeof message.p99Ms !== "number")
                        return "p99Ms: number expected";
                if (message.workstationCode != null && $Object.hasOwnProperty.call(message, "workstationCode"))
                    if (!$util.isString(message.workstationCode))
                        return "workstationCode: string expected";
                if (message.loaded != null && $Object.hasOwnProperty.call(message, "loaded"))
                    if (typeof message.loaded !== "boolean")
                        return "loaded: boolean expected";
                if (message.lastError != null && $Object.hasOwnProperty.call(message, "lastError"))
                    if (!$util.isString(message.lastError))
                        return "lastError: string expected";
                return null;
            };

            /**
             * Creates a ModelCounters message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.ModelCounters
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.ModelCounters} ModelCounters
             */
            ModelCounters.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.ModelCounters)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.ModelCounters: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.ModelCounters();
                if (object.name != null)
                    if (typeof object.name !== "string" || object.name.length)
                        message.name = $String(object.name);
                if (object.sha256 != null)
                    if (typeof object.sha256 !== "string" || object.sha256.length)
                        message.sha256 = $String(object.sha256);
                if (object.count != null)
                    if (typeof object.count === "object" ? object.count.low || object.count.high : $Number(object.count) !== 0)
                        if ($util.Long)
                            message.count = $util.Long.fromValue(object.count, true);
                        else if (typeof object.count === "string")
                            message.count = $parseInt(object.count, 10);
                        else if (typeof object.count === "number")
                            message.count = object.count;
                        else if (typeof object.count === "object")
                            message.count = new $util.LongBits(object.count.low >>> 0, object.count.high >>> 0).toNumber(true);
                if (object.errors != null)
                    if (typeof object.errors === "object" ? object.errors.low || object.errors.high : $Number(object.errors) !== 0)
                        if ($util.Long)
                            message.errors = $util.Long.fromValue(object.errors, true);
                        else if (typeof object.errors === "string")
                            message.errors = $parseInt(object.errors, 10);
                        else if (typeof object.errors === "number")
                            message.errors = object.errors;
                        else if (typeof object.errors === "object")
                            message.errors = new $util.LongBits(object.errors.low >>> 0, object.errors.high >>> 0).toNumber(true);
                if (object.p50Ms != null)
                    if (!$Object.is($Number(object.p50Ms), 0))
                        message.p50Ms = $Number(object.p50Ms);
                if (object.p99Ms != null)
                    if (!$Object.is($Number(object.p99Ms), 0))
                        message.p99Ms = $Number(object.p99Ms);
                if (object.workstationCode != null)
                    if (typeof object.workstationCode !== "string" || object.workstationCode.length)
                        message.workstationCode = $String(object.workstationCode);
                if (object.loaded != null)
                    if (object.loaded)
                        message.loaded = $Boolean(object.loaded);
                if (object.lastError != null)
                    if (typeof object.lastError !== "string" || object.lastError.length)
                        message.lastError = $String(object.lastError);
                return message;
            };

            /**
             * Creates a plain object from a ModelCounters message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.ModelCounters
             * @static
             * @param {edge.v1.ModelCounters} message ModelCounters
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ModelCounters.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.name = "";
                    object.sha256 = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.count = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.count = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.errors = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.errors = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.p50Ms = 0;
                    object.p99Ms = 0;
                    object.workstationCode = "";
                    object.loaded = false;
                    object.lastError = "";
                }
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = message.sha256;
                if (message.count != null && $Object.hasOwnProperty.call(message, "count"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.count = typeof message.count === "number" ? $BigInt(message.count) : $util.Long.fromBits(message.count.low >>> 0, message.count.high >>> 0, true).toBigInt();
                    else if (typeof message.count === "number")
                        object.count = options.longs === $String ? $String(message.count) : message.count;
                    else
                        object.count = options.longs === $String ? $util.Long.prototype.toString.call(message.count) : options.longs === $Number ? new $util.LongBits(message.count.low >>> 0, message.count.high >>> 0).toNumber(true) : message.count;
                if (message.errors != null && $Object.hasOwnProperty.call(message, "errors"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.errors = typeof message.errors === "number" ? $BigInt(message.errors) : $util.Long.fromBits(message.errors.low >>> 0, message.errors.high >>> 0, true).toBigInt();
                    else if (typeof message.errors === "number")
                        object.errors = options.longs === $String ? $String(message.errors) : message.errors;
                    else
                        object.errors = options.longs === $String ? $util.Long.prototype.toString.call(message.errors) : options.longs === $Number ? new $util.LongBits(message.errors.low >>> 0, message.errors.high >>> 0).toNumber(true) : message.errors;
                if (message.p50Ms != null && $Object.hasOwnProperty.call(message, "p50Ms"))
                    object.p50Ms = options.json && !$isFinite(message.p50Ms) ? $String(message.p50Ms) : message.p50Ms;
                if (message.p99Ms != null && $Object.hasOwnProperty.call(message, "p99Ms"))
                    object.p99Ms = options.json && !$isFinite(message.p99Ms) ? $String(message.p99Ms) : message.p99Ms;
                if (message.workstationCode != null && $Object.hasOwnProperty.call(message, "workstationCode"))
                    object.workstationCode = message.workstationCode;
                if (message.loaded != null && $Object.hasOwnProperty.call(message, "loaded"))
                    object.loaded = message.loaded;
                if (message.lastError != null && $Object.hasOwnProperty.call(message, "lastError"))
                    object.lastError = message.lastError;
                return object;
            };

            /**
             * Converts this ModelCounters to JSON.
             * @function toJSON
             * @memberof edge.v1.ModelCounters
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ModelCounters.prototype.toJSON = function() {
                return ModelCounters.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ModelCounters
             * @function getTypeUrl
             * @memberof edge.v1.ModelCounters
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ModelCounters.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.ModelCounters";
            };

            return ModelCounters;
        })();

        v1.InferenceCounters = (function() {

            /**
             * Properties of an InferenceCounters.
             * @typedef {Object} edge.v1.InferenceCounters.$Properties
             * @property {number|null} [total] InferenceCounters total
             * @property {number|null} [errors] InferenceCounters errors
             * @property {Array.<edge.v1.ModelCounters.$Properties>|null} [models] InferenceCounters models
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an InferenceCounters.
             * @memberof edge.v1
             * @interface IInferenceCounters
             * @augments edge.v1.InferenceCounters.$Properties
             * @deprecated Use edge.v1.InferenceCounters.$Properties instead.
             */

            /**
             * Shape of an InferenceCounters.
             * @typedef {edge.v1.InferenceCounters.$Properties} edge.v1.InferenceCounters.$Shape
             */

            /**
             * Constructs a new InferenceCounters.
             * @memberof edge.v1
             * @classdesc Represents an InferenceCounters.
             * @constructor
             * @param {edge.v1.InferenceCounters.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const InferenceCounters = function (properties) {
                this.models = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * InferenceCounters total.
             * @member {number} total
             * @memberof edge.v1.InferenceCounters
             * @instance
             */
            InferenceCounters.prototype.total = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * InferenceCounters errors.
             * @member {number} errors
             * @memberof edge.v1.InferenceCounters
             * @instance
             */
            InferenceCounters.prototype.errors = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * InferenceCounters models.
             * @member {Array.<edge.v1.ModelCounters.$Properties>} models
             * @memberof edge.v1.InferenceCounters
             * @instance
             */
            InferenceCounters.prototype.models = $util.emptyArray;

            /**
             * Creates a new InferenceCounters instance using the specified properties.
             * @function create
             * @memberof edge.v1.InferenceCounters
             * @static
             * @param {edge.v1.InferenceCounters.$Properties=} [properties] Properties to set
             * @returns {edge.v1.InferenceCounters} InferenceCounters instance
             * @type {{
             *   (properties: edge.v1.InferenceCounters.$Shape): edge.v1.InferenceCounters & edge.v1.InferenceCounters.$Shape;
             *   (properties?: edge.v1.InferenceCounters.$Properties): edge.v1.InferenceCounters;
             * }}
             */
            InferenceCounters.create = function(properties) {
                return new InferenceCounters(properties);
            };

            /**
             * Encodes the specified InferenceCounters message. Does not implicitly {@link edge.v1.InferenceCounters.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.InferenceCounters
             * @static
             * @param {edge.v1.InferenceCounters.$Properties} message InferenceCounters message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InferenceCounters.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.total != null && $Object.hasOwnProperty.call(message, "total") && (typeof message.total === "object" ? message.total.low || message.total.high : message.total !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.total);
                if (message.errors != null && $Object.hasOwnProperty.call(message, "errors") && (typeof message.errors === "object" ? message.errors.low || message.errors.high : message.errors !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.errors);
                if (message.models != null && message.models.length)
                    for (let i = 0; i < message.models.length; ++i)
                        $root.edge.v1.ModelCounters.encode(message.models[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an InferenceCounters message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.InferenceCounters
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.InferenceCounters & edge.v1.InferenceCounters.$Shape} InferenceCounters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InferenceCounters.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.InferenceCounters();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.total = value;
                            else
                                delete message.total;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.errors = value;
                            else
                                delete message.errors;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.models && message.models.length))
                                message.models = [];
                            message.models.push($root.edge.v1.ModelCounters.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies an InferenceCounters message.
             * @function verify
             * @memberof edge.v1.InferenceCounters
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            InferenceCounters.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.total != null && $Object.hasOwnProperty.call(message, "total"))
                    if (!$util.isInteger(message.total) && !(message.total && $util.isInteger(message.total.low) && $util.isInteger(message.total.high)))
                        return "total: integer|Long expected";
                if (message.errors != null && $Object.hasOwnProperty.call(message, "errors"))
                    if (!$util.isInteger(message.errors) && !(message.errors && $util.isInteger(message.errors.low) && $util.isInteger(message.errors.high)))
                        return "errors: integer|Long expected";
                if (message.models != null && $Object.hasOwnProperty.call(message, "models")) {
                    if (!$Array.isArray(message.models))
                        return "models: array expected";
                    for (let i = 0; i < message.models.length; ++i) {
                        let error = $root.edge.v1.ModelCounters.verify(message.models[i], _depth + 1);
                        if (error)
                            return "models." + error;
                    }
                }
                return null;
            };

            /**
             * Creates an InferenceCounters message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.InferenceCounters
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.InferenceCounters} InferenceCounters
             */
            InferenceCounters.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.InferenceCounters)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.InferenceCounters: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.InferenceCounters();
                if (object.total != null)
                    if (typeof object.total === "object" ? object.total.low || object.total.high : $Number(object.total) !== 0)
                        if ($util.Long)
                            message.total = $util.Long.fromValue(object.total, true);
                        else if (typeof object.total === "string")
                            message.total = $parseInt(object.total, 10);
                        else if (typeof object.total === "number")
                            message.total = object.total;
                        else if (typeof object.total === "object")
                            message.total = new $util.LongBits(object.total.low >>> 0, object.total.high >>> 0).toNumber(true);
                if (object.errors != null)
                    if (typeof object.errors === "object" ? object.errors.low || object.errors.high : $Number(object.errors) !== 0)
                        if ($util.Long)
                            message.errors = $util.Long.fromValue(object.errors, true);
                        else if (typeof object.errors === "string")
                            message.errors = $parseInt(object.errors, 10);
                        else if (typeof object.errors === "number")
                            message.errors = object.errors;
                        else if (typeof object.errors === "object")
                            message.errors = new $util.LongBits(object.errors.low >>> 0, object.errors.high >>> 0).toNumber(true);
                if (object.models) {
                    if (!$Array.isArray(object.models))
                        throw $TypeError(".edge.v1.InferenceCounters.models: array expected");
                    message.models = $Array(object.models.length);
                    for (let i = 0; i < object.models.length; ++i) {
                        if (!$util.isObject(object.models[i]))
                            throw $TypeError(".edge.v1.InferenceCounters.models: object expected");
                        message.models[i] = $root.edge.v1.ModelCounters.fromObject(object.models[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from an InferenceCounters message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.InferenceCounters
             * @static
             * @param {edge.v1.InferenceCounters} message InferenceCounters
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            InferenceCounters.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.models = [];
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.total = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.total = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.errors = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.errors = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.total != null && $Object.hasOwnProperty.call(message, "total"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.total = typeof message.total === "number" ? $BigInt(message.total) : $util.Long.fromBits(message.total.low >>> 0, message.total.high >>> 0, true).toBigInt();
                    else if (typeof message.total === "number")
                        object.total = options.longs === $String ? $String(message.total) : message.total;
                    else
                        object.total = options.longs === $String ? $util.Long.prototype.toString.call(message.total) : options.longs === $Number ? new $util.LongBits(message.total.low >>> 0, message.total.high >>> 0).toNumber(true) : message.total;
                if (message.errors != null && $Object.hasOwnProperty.call(message, "errors"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.errors = typeof message.errors === "number" ? $BigInt(message.errors) : $util.Long.fromBits(message.errors.low >>> 0, message.errors.high >>> 0, true).toBigInt();
                    else if (typeof message.errors === "number")
                        object.errors = options.longs === $String ? $String(message.errors) : message.errors;
                    else
                        object.errors = options.longs === $String ? $util.Long.prototype.toString.call(message.errors) : options.longs === $Number ? new $util.LongBits(message.errors.low >>> 0, message.errors.high >>> 0).toNumber(true) : message.errors;
                if (message.models && message.models.length) {
                    object.models = $Array(message.models.length);
                    for (let j = 0; j < message.models.length; ++j)
                        object.models[j] = $root.edge.v1.ModelCounters.toObject(message.models[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this InferenceCounters to JSON.
             * @function toJSON
             * @memberof edge.v1.InferenceCounters
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            InferenceCounters.prototype.toJSON = function() {
                return InferenceCounters.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for InferenceCounters
             * @function getTypeUrl
             * @memberof edge.v1.InferenceCounters
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            InferenceCounters.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.InferenceCounters";
            };

            return InferenceCounters;
        })();

        v1.Heartbeat = (function() {

            /**
             * Properties of a Heartbeat.
             * @typedef {Object} edge.v1.Heartbeat.$Properties
             * @property {number|null} [seq] Heartbeat seq
             * @property {number|null} [deviceTimeMs] Heartbeat deviceTimeMs
             * @property {number|null} [uptimeS] Heartbeat uptimeS
             * @property {number|null} [cpuPercent] Heartbeat cpuPercent
             * @property {number|null} [memoryUsedBytes] Heartbeat memoryUsedBytes
             * @property {number|null} [memoryTotalBytes] Heartbeat memoryTotalBytes
             * @property {number|null} [diskUsedBytes] Heartbeat diskUsedBytes
             * @property {number|null} [diskTotalBytes] Heartbeat diskTotalBytes
             * @property {number|null} [temperatureC] Heartbeat temperatureC
             * @property {edge.v1.AcceleratorUsage.$Properties|null} [accelerator] Heartbeat accelerator
             * @property {edge.v1.InferenceCounters.$Properties|null} [inference] Heartbeat inference
             * @property {boolean|null} [clockUntrusted] Heartbeat clockUntrusted
             * @property {number|null} [queueDepth] Heartbeat queueDepth
             * @property {number|null} [queueDropped] Heartbeat queueDropped
             * @property {number|null} [clockOffsetMs] Heartbeat clockOffsetMs
             * @property {Uint8Array|null} [prevHash] Heartbeat prevHash
             * @property {edge.v1.TpmSeal.$Properties|null} [tpmSeal] Heartbeat tpmSeal
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Heartbeat.
             * @memberof edge.v1
             * @interface IHeartbeat
             * @augments edge.v1.Heartbeat.$Properties
             * @deprecated Use edge.v1.Heartbeat.$Properties instead.
             */

            /**
             * Shape of a Heartbeat.
             * @typedef {edge.v1.Heartbeat.$Properties} edge.v1.Heartbeat.$Shape
             */

            /**
             * Constructs a new Heartbeat.
             * @memberof edge.v1
             * @classdesc Represents a Heartbeat.
             * @constructor
             * @param {edge.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Heartbeat = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Heartbeat seq.
             * @member {number} seq
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat deviceTimeMs.
             * @member {number} deviceTimeMs
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Heartbeat uptimeS.
             * @member {number} uptimeS
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.uptimeS = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat cpuPercent.
             * @member {number} cpuPercent
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.cpuPercent = 0;

            /**
             * Heartbeat memoryUsedBytes.
             * @member {number} memoryUsedBytes
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.memoryUsedBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat memoryTotalBytes.
             * @member {number} memoryTotalBytes
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.memoryTotalBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat diskUsedBytes.
             * @member {number} diskUsedBytes
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.diskUsedBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat diskTotalBytes.
             * @member {number} diskTotalBytes
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.diskTotalBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat temperatureC.
             * @member {number|null|undefined} temperatureC
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.temperatureC = null;

            /**
             * Heartbeat accelerator.
             * @member {edge.v1.AcceleratorUsage.$Properties|null|undefined} accelerator
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.accelerator = null;

            /**
             * Heartbeat inference.
             * @member {edge.v1.InferenceCounters.$Properties|null|undefined} inference
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.inference = null;

            /**
             * Heartbeat clockUntrusted.
             * @member {boolean} clockUntrusted
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.clockUntrusted = false;

            /**
             * Heartbeat queueDepth.
             * @member {number} queueDepth
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.queueDepth = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat queueDropped.
             * @member {number} queueDropped
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.queueDropped = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat clockOffsetMs.
             * @member {number|null|undefined} clockOffsetMs
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.clockOffsetMs = null;

            /**
             * Heartbeat prevHash.
             * @member {Uint8Array} prevHash
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.prevHash = $util.newBuffer([]);

            /**
             * Heartbeat tpmSeal.
             * @member {edge.v1.TpmSeal.$Properties|null|undefined} tpmSeal
             * @memberof edge.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.tpmSeal = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Heartbeat.prototype, "_temperatureC", {
                get: $util.oneOfGetter($oneOfFields = ["temperatureC"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Heartbeat.prototype, "_accelerator", {
                get: $util.oneOfGetter($oneOfFields = ["accelerator"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Heartbeat.prototype, "_clockOffsetMs", {
                get: $util.oneOfGetter($oneOfFields = ["clockOffsetMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Heartbeat.prototype, "_tpmSeal", {
                get: $util.oneOfGetter($oneOfFields = ["tpmSeal"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @function create
             * @memberof edge.v1.Heartbeat
             * @static
             * @param {edge.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @returns {edge.v1.Heartbeat} Heartbeat instance
             * @type {{
             *   (properties: edge.v1.Heartbeat.$Shape): edge.v1.Heartbeat & edge.v1.Heartbeat.$Shape;
             *   (properties?: edge.v1.Heartbeat.$Properties): edge.v1.Heartbeat;
             * }}
             */
            Heartbeat.create = function(properties) {
                return new Heartbeat(properties);
            };

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link edge.v1.Heartbeat.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.Heartbeat
             * @static
             * @param {edge.v1.Heartbeat.$Properties} message Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.seq);
                if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.deviceTimeMs);
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS") && (typeof message.uptimeS === "object" ? message.uptimeS.low || message.uptimeS.high : message.uptimeS !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.uptimeS);
                if (message.cpuPercent != null && $Object.hasOwnProperty.call(message, "cpuPercent") && !$Object.is(message.cpuPercent, 0))
                    writer.uint32(/* id 4, wireType 5 =*/37).float(message.cpuPercent);
                if (message.memoryUsedBytes != null && $Object.hasOwnProperty.call(message, "memoryUsedBytes") && (typeof message.memoryUsedBytes === "object" ? message.memoryUsedBytes.low || message.memoryUsedBytes.high : message.memoryUsedBytes !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.memoryUsedBytes);
                if (message.memoryTotalBytes != null && $Object.hasOwnProperty.call(message, "memoryTotalBytes") && (typeof message.memoryTotalBytes === "object" ? message.memoryTotalBytes.low || message.memoryTotalBytes.high : message.memoryTotalBytes !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.memoryTotalBytes);
                if (message.diskUsedBytes != null && $Object.hasOwnProperty.call(message, "diskUsedBytes") && (typeof message.diskUsedBytes === "object" ? message.diskUsedBytes.low || message.diskUsedBytes.high : message.diskUsedBytes !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.diskUsedBytes);
                if (message.diskTotalBytes != null && $Object.hasOwnProperty.call(message, "diskTotalBytes") && (typeof message.diskTotalBytes === "object" ? message.diskTotalBytes.low || message.diskTotalBytes.high : message.diskTotalBytes !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.diskTotalBytes);
                if (message.temperatureC != null && $Object.hasOwnProperty.call(message, "temperatureC"))
                    writer.uint32(/* id 9, wireType 5 =*/77).float(message.temperatureC);
                if (message.accelerator != null && $Object.hasOwnProperty.call(message, "accelerator"))
                    $root.edge.v1.AcceleratorUsage.encode(message.accelerator, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.inference != null && $Object.hasOwnProperty.call(message, "inference"))
                    $root.edge.v1.InferenceCounters.encode(message.inference, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.clockUntrusted != null && $Object.hasOwnProperty.call(message, "clockUntrusted") && message.clockUntrusted !== false)
                    writer.uint32(/* id 12, wireType 0 =*/96).bool(message.clockUntrusted);
                if (message.queueDepth != null && $Object.hasOwnProperty.call(message, "queueDepth") && (typeof message.queueDepth === "object" ? message.queueDepth.low || message.queueDepth.high : message.queueDepth !== 0))
                    writer.uint32(/* id 13, wireType 0 =*/104).uint64(message.queueDepth);
                if (message.queueDropped != null && $Object.hasOwnProperty.call(message, "queueDropped") && (typeof message.queueDropped === "object" ? message.queueDropped.low || message.queueDropped.high : message.queueDropped !== 0))
                    writer.uint32(/* id 14, wireType 0 =*/112).uint64(message.queueDropped);
                if (message.clockOffsetMs != null && $Object.hasOwnProperty.call(message, "clockOffsetMs"))
                    writer.uint32(/* id 15, wireType 0 =*/120).sint64(message.clockOffsetMs);
                if (message.prevHash != null && $Object.hasOwnProperty.call(message, "prevHash") && message.prevHash.length)
                    writer.uint32(/* id 16, wireType 2 =*/130).bytes(message.prevHash);
                if (message.tpmSeal != null && $Object.hasOwnProperty.call(message, "tpmSeal"))
                    $root.edge.v1.TpmSeal.encode(message.tpmSeal, writer.uint32(/* id 17, wireType 2 =*/138).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.Heartbeat & edge.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.Heartbeat();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.deviceTimeMs = value;
                            else
                                delete message.deviceTimeMs;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.uptimeS = value;
                            else
                                delete message.uptimeS;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 5)
                                break;
                            if (!$Object.is(value = reader.float(), 0))
                                message.cpuPercent = value;
                            else
                                delete message.cpuPercent;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.memoryUsedBytes = value;
                            else
                                delete message.memoryUsedBytes;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.memoryTotalBytes = value;
                            else
                                delete message.memoryTotalBytes;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.diskUsedBytes = value;
                            else
                                delete message.diskUsedBytes;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.diskTotalBytes = value;
                            else
                                delete message.diskTotalBytes;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 5)
                                break;
                            message.temperatureC = reader.float();
                            message._temperatureC = "temperatureC";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.accelerator = $root.edge.v1.AcceleratorUsage.decode(reader, reader.size(), $undefined, _depth + 1, message.accelerator);
                            message._accelerator = "accelerator";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.inference = $root.edge.v1.InferenceCounters.decode(reader, reader.size(), $undefined, _depth + 1, message.inference);
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.clockUntrusted = value;
                            else
                                delete message.clockUntrusted;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.queueDepth = value;
                            else
                                delete message.queueDepth;
                            continue;
                        }
                    case 14: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.queueDropped = value;
                            else
                                delete message.queueDropped;
                            continue;
                        }
                    case 15: {
                            if (wireType !== 0)
                                break;
                            message.clockOffsetMs = reader.sint64();
                            message._clockOffsetMs = "clockOffsetMs";
                            continue;
                        }
                    case 16: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.prevHash = value;
                            else
                                delete message.prevHash;
                            continue;
                        }
                    case 17: {
                            if (wireType !== 2)
                                break;
                            message.tpmSeal = $root.edge.v1.TpmSeal.decode(reader, reader.size(), $undefined, _depth + 1, message.tpmSeal);
                            message._tpmSeal = "tpmSeal";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a Heartbeat message.
             * @function verify
             * @memberof edge.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Heartbeat.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (!$util.isInteger(message.seq) && !(message.seq && $util.isInteger(message.seq.low) && $util.isInteger(message.seq.high)))
                        return "seq: integer|Long expected";
                if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                    if (!$util.isInteger(message.deviceTimeMs) && !(message.deviceTimeMs && $util.isInteger(message.deviceTimeMs.low) && $util.isInteger(message.deviceTimeMs.high)))
                        return "deviceTimeMs: integer|Long expected";
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                    if (!$util.isInteger(message.uptimeS) && !(message.uptimeS && $util.isInteger(message.uptimeS.low) && $util.isInteger(message.uptimeS.high)))
                        return "uptimeS: integer|Long expected";
                if (message.cpuPercent != null && $Object.hasOwnProperty.call(message, "cpuPercent"))
                    if (typeof message.cpuPercent !== "number")
                        return "cpuPercent: number expected";
                if (message.memoryUsedBytes != null && $Object.hasOwnProperty.call(message, "memoryUsedBytes"))
                    if (!$util.isInteger(message.memoryUsedBytes) && !(message.memoryUsedBytes && $util.isInteger(message.memoryUsedBytes.low) && $util.isInteger(message.memoryUsedBytes.high)))
                        return "memoryUsedBytes: integer|Long expected";
                if (message.memoryTotalBytes != null && $Object.hasOwnProperty.call(message, "memoryTotalBytes"))
                    if (!$util.isInteger(message.memoryTotalBytes) && !(message.memoryTotalBytes && $util.isInteger(message.memoryTotalBytes.low) && $util.isInteger(message.memoryTotalBytes.high)))
                        return "memoryTotalBytes: integer|Long expected";
                if (message.diskUsedBytes != null && $Object.hasOwnProperty.call(message, "diskUsedBytes"))
                    if (!$util.isInteger(message.diskUsedBytes) && !(message.diskUsedBytes && $util.isInteger(message.diskUsedBytes.low) && $util.isInteger(message.diskUsedBytes.high)))
                        return "diskUsedBytes: integer|Long expected";
                if (message.diskTotalBytes != null && $Object.hasOwnProperty.call(message, "diskTotalBytes"))
                    if (!$util.isInteger(message.diskTotalBytes) && !(message.diskTotalBytes && $util.isInteger(message.diskTotalBytes.low) && $util.isInteger(message.diskTotalBytes.high)))
                        return "diskTotalBytes: integer|Long expected";
                if (message.temperatureC != null && $Object.hasOwnProperty.call(message, "temperatureC")) {
                    properties._temperatureC = 1;
                    if (typeof message.temperatureC !== "number")
                        return "temperatureC: number expected";
                }
                if (message.accelerator != null && $Object.hasOwnProperty.call(message, "accelerator")) {
                    properties._accelerator = 1;
                    {
                        let error = $root.edge.v1.AcceleratorUsage.verify(message.accelerator, _depth + 1);
                        if (error)
                            return "accelerator." + error;
                    }
                }
                if (message.inference != null && $Object.hasOwnProperty.call(message, "inference")) {
                    let error = $root.edge.v1.InferenceCounters.verify(message.inference, _depth + 1);
                    if (error)
                        return "inference." + error;
                }
                if (message.clockUntrusted != null && $Object.hasOwnProperty.call(message, "clockUntrusted"))
                    if (typeof message.clockUntrusted !== "boolean")
                        return "clockUntrusted: boolean expected";
                if (message.queueDepth != null && $Object.hasOwnProperty.call(message, "queueDepth"))
                    if (!$util.isInteger(message.queueDepth) && !(message.queueDepth && $util.isInteger(message.queueDepth.low) && $util.isInteger(message.queueDepth.high)))
                        return "queueDepth: integer|Long expected";
                if (message.queueDropped != null && $Object.hasOwnProperty.call(message, "queueDropped"))
                    if (!$util.isInteger(message.queueDropped) && !(message.queueDropped && $util.isInteger(message.queueDropped.low) && $util.isInteger(message.queueDropped.high)))
                        return "queueDropped: integer|Long expected";
                if (message.clockOffsetMs != null && $Object.hasOwnProperty.call(message, "clockOffsetMs")) {
                    properties._clockOffsetMs = 1;
                    if (!$util.isInteger(message.clockOffsetMs) && !(message.clockOffsetMs && $util.isInteger(message.clockOffsetMs.low) && $util.isInteger(message.clockOffsetMs.high)))
                        return "clockOffsetMs: integer|Long expected";
                }
                if (message.prevHash != null && $Object.hasOwnProperty.call(message, "prevHash"))
                    if (!(message.prevHash && typeof message.prevHash.length === "number" || $util.isString(message.prevHash)))
                        return "prevHash: buffer expected";
                if (message.tpmSeal != null && $Object.hasOwnProperty.call(message, "tpmSeal")) {
                    properties._tpmSeal = 1;
                    {
                        let error = $root.edge.v1.TpmSeal.verify(message.tpmSeal, _depth + 1);
                        if (error)
                            return "tpmSeal." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.Heartbeat} Heartbeat
             */
            Heartbeat.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.Heartbeat)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.Heartbeat: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.Heartbeat();
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.deviceTimeMs != null)
                    if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                        if ($util.Long)
                            message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, false);
                        else if (typeof object.deviceTimeMs === "string")
                            message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                        else if (typeof object.deviceTimeMs === "number")
                            message.deviceTimeMs = object.deviceTimeMs;
                        else if (typeof object.deviceTimeMs === "object")
                            message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber();
                if (object.uptimeS != null)
                    if (typeof object.uptimeS === "object" ? object.uptimeS.low || object.uptimeS.high : $Number(object.uptimeS) !== 0)
                        if ($util.Long)
                            message.uptimeS = $util.Long.fromValue(object.uptimeS, true);
                        else if (typeof object.uptimeS === "string")
                            message.uptimeS = $parseInt(object.uptimeS, 10);
                        else if (typeof object.uptimeS === "number")
                            message.uptimeS = object.uptimeS;
                        else if (typeof object.uptimeS === "object")
                            message.uptimeS = new $util.LongBits(object.uptimeS.low >>> 0, object.uptimeS.high >>> 0).toNumber(true);
                if (object.cpuPercent != null)
                    if (!$Object.is($Number(object.cpuPercent), 0))
                        message.cpuPercent = $Number(object.cpuPercent);
                if (object.memoryUsedBytes != null)
                    if (typeof object.memoryUsedBytes === "object" ? object.memoryUsedBytes.low || object.memoryUsedBytes.high : $Number(object.memoryUsedBytes) !== 0)
                        if ($util.Long)
                            message.memoryUsedBytes = $util.Long.fromValue(object.memoryUsedBytes, true);
                        else if (typeof object.memoryUsedBytes === "string")
                            message.memoryUsedBytes = $parseInt(object.memoryUsedBytes, 10);
                        else if (typeof object.memoryUsedBytes === "number")
                            message.memoryUsedBytes = object.memoryUsedBytes;
                        else if (typeof object.memoryUsedBytes === "object")
                            message.memoryUsedBytes = new $util.LongBits(object.memoryUsedBytes.low >>> 0, object.memoryUsedBytes.high >>> 0).toNumber(true);
                if (object.memoryTotalBytes != null)
                    if (typeof object.memoryTotalBytes === "object" ? object.memoryTotalBytes.low || object.memoryTotalBytes.high : $Number(object.memoryTotalBytes) !== 0)
                        if ($util.Long)
                            message.memoryTotalBytes = $util.Long.fromValue(object.memoryTotalBytes, true);
                        else if (typeof object.memoryTotalBytes === "string")
                            message.memoryTotalBytes = $parseInt(object.memoryTotalBytes, 10);
                        else if (typeof object.memoryTotalBytes === "number")
                            message.memoryTotalBytes = object.memoryTotalBytes;
                        else if (typeof object.memoryTotalBytes === "object")
                            message.memoryTotalBytes = new $util.LongBits(object.memoryTotalBytes.low >>> 0, object.memoryTotalBytes.high >>> 0).toNumber(true);
                if (object.diskUsedBytes != null)
                    if (typeof object.diskUsedBytes === "object" ? object.diskUsedBytes.low || object.diskUsedBytes.high : $Number(object.diskUsedBytes) !== 0)
                        if ($util.Long)
                            message.diskUsedBytes = $util.Long.fromValue(object.diskUsedBytes, true);
                        else if (typeof object.diskUsedBytes === "string")
                            message.diskUsedBytes = $parseInt(object.diskUsedBytes, 10);
                        else if (typeof object.diskUsedBytes === "number")
                            message.diskUsedBytes = object.diskUsedBytes;
                        else if (typeof object.diskUsedBytes === "object")
                            message.diskUsedBytes = new $util.LongBits(object.diskUsedBytes.low >>> 0, object.diskUsedBytes.high >>> 0).toNumber(true);
                if (object.diskTotalBytes != null)
                    if (typeof object.diskTotalBytes === "object" ? object.diskTotalBytes.low || object.diskTotalBytes.high : $Number(object.diskTotalBytes) !== 0)
                        if ($util.Long)
                            message.diskTotalBytes = $util.Long.fromValue(object.diskTotalBytes, true);
                        else if (typeof object.diskTotalBytes === "string")
                            message.diskTotalBytes = $parseInt(object.diskTotalBytes, 10);
                        else if (typeof object.diskTotalBytes === "number")
                            message.diskTotalBytes = object.diskTotalBytes;
                        else if (typeof object.diskTotalBytes === "object")
                            message.diskTotalBytes = new $util.LongBits(object.diskTotalBytes.low >>> 0, object.diskTotalBytes.high >>> 0).toNumber(true);
                if (object.temperatureC != null)
                    message.temperatureC = $Number(object.temperatureC);
                if (object.accelerator != null) {
                    if (!$util.isObject(object.accelerator))
                        throw $TypeError(".edge.v1.Heartbeat.accelerator: object expected");
                    message.accelerator = $root.edge.v1.AcceleratorUsage.fromObject(object.accelerator, _depth + 1);
                }
                if (object.inference != null) {
                    if (!$util.isObject(object.inference))
                        throw $TypeError(".edge.v1.Heartbeat.inference: object expected");
                    message.inference = $root.edge.v1.InferenceCounters.fromObject(object.inference, _depth + 1);
                }
                if (object.clockUntrusted != null)
                    if (object.clockUntrusted)
                        message.clockUntrusted = $Boolean(object.clockUntrusted);
                if (object.queueDepth != null)
                    if (typeof object.queueDepth === "object" ? object.queueDepth.low || object.queueDepth.high : $Number(object.queueDepth) !== 0)
                        if ($util.Long)
                            message.queueDepth = $util.Long.fromValue(object.queueDepth, true);
                        else if (typeof object.queueDepth === "string")
                            message.queueDepth = $parseInt(object.queueDepth, 10);
                        else if (typeof object.queueDepth === "number")
                            message.queueDepth = object.queueDepth;
                        else if (typeof object.queueDepth === "object")
                            message.queueDepth = new $util.LongBits(object.queueDepth.low >>> 0, object.queueDepth.high >>> 0).toNumber(true);
                if (object.queueDropped != null)
                    if (typeof object.queueDropped === "object" ? object.queueDropped.low || object.queueDropped.high : $Number(object.queueDropped) !== 0)
                        if ($util.Long)
                            message.queueDropped = $util.Long.fromValue(object.queueDropped, true);
                        else if (typeof object.queueDropped === "string")
                            message.queueDropped = $parseInt(object.queueDropped, 10);
                        else if (typeof object.queueDropped === "number")
                            message.queueDropped = object.queueDropped;
                        else if (typeof object.queueDropped === "object")
                            message.queueDropped = new $util.LongBits(object.queueDropped.low >>> 0, object.queueDropped.high >>> 0).toNumber(true);
                if (object.clockOffsetMs != null)
                    if ($util.Long)
                        message.clockOffsetMs = $util.Long.fromValue(object.clockOffsetMs, false);
                    else if (typeof object.clockOffsetMs === "string")
                        message.clockOffsetMs = $parseInt(object.clockOffsetMs, 10);
                    else if (typeof object.clockOffsetMs === "number")
                        message.clockOffsetMs = object.clockOffsetMs;
                    else if (typeof object.clockOffsetMs === "object")
                        message.clockOffsetMs = new $util.LongBits(object.clockOffsetMs.low >>> 0, object.clockOffsetMs.high >>> 0).toNumber();
                if (object.prevHash != null)
                    if (object.prevHash.length)
                        if (typeof object.prevHash === "string")
                            $util.base64.decode(object.prevHash, message.prevHash = $util.newBuffer($util.base64.length(object.prevHash)), 0);
                        else if (object.prevHash.length >= 0)
                            message.prevHash = object.prevHash;
                if (object.tpmSeal != null) {
                    if (!$util.isObject(object.tpmSeal))
                        throw $TypeError(".edge.v1.Heartbeat.tpmSeal: object expected");
                    message.tpmSeal = $root.edge.v1.TpmSeal.fromObject(object.tpmSeal, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.Heartbeat
             * @static
             * @param {edge.v1.Heartbeat} message Heartbeat
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Heartbeat.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.uptimeS = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.uptimeS = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.cpuPercent = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.memoryUsedBytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.memoryUsedBytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.memoryTotalBytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.memoryTotalBytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.diskUsedBytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.diskUsedBytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.diskTotalBytes = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.diskTotalBytes = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.inference = null;
                    object.clockUntrusted = false;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.queueDepth = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.queueDepth = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.queueDropped = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.queueDropped = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.prevHash = "";
                    else {
                        object.prevHash = [];
                        if (options.bytes !== $Array)
                            object.prevHash = $util.newBuffer(object.prevHash);
                    }
                }
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof message.deviceTimeMs === "number")
                        object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                    else
                        object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber() : message.deviceTimeMs;
                if (message.uptimeS != null && $Object.hasOwnProperty.call(message, "uptimeS"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.uptimeS = typeof message.uptimeS === "number" ? $BigInt(message.uptimeS) : $util.Long.fromBits(message.uptimeS.low >>> 0, message.uptimeS.high >>> 0, true).toBigInt();
                    else if (typeof message.uptimeS === "number")
                        object.uptimeS = options.longs === $String ? $String(message.uptimeS) : message.uptimeS;
                    else
                        object.uptimeS = options.longs === $String ? $util.Long.prototype.toString.call(message.uptimeS) : options.longs === $Number ? new $util.LongBits(message.uptimeS.low >>> 0, message.uptimeS.high >>> 0).toNumber(true) : message.uptimeS;
                if (message.cpuPercent != null && $Object.hasOwnProperty.call(message, "cpuPercent"))
                    object.cpuPercent = options.json && !$isFinite(message.cpuPercent) ? $String(message.cpuPercent) : message.cpuPercent;
                if (message.memoryUsedBytes != null && $Object.hasOwnProperty.call(message, "memoryUsedBytes"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.memoryUsedBytes = typeof message.memoryUsedBytes === "number" ? $BigInt(message.memoryUsedBytes) : $util.Long.fromBits(message.memoryUsedBytes.low >>> 0, message.memoryUsedBytes.high >>> 0, true).toBigInt();
                    else if (typeof message.memoryUsedBytes === "number")
                        object.memoryUsedBytes = options.longs === $String ? $String(message.memoryUsedBytes) : message.memoryUsedBytes;
                    else
                        object.memoryUsedBytes = options.longs === $String ? $util.Long.prototype.toString.call(message.memoryUsedBytes) : options.longs === $Number ? new $util.LongBits(message.memoryUsedBytes.low >>> 0, message.memoryUsedBytes.high >>> 0).toNumber(true) : message.memoryUsedBytes;
                if (message.memoryTotalBytes != null && $Object.hasOwnProperty.call(message, "memoryTotalBytes"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.memoryTotalBytes = typeof message.memoryTotalBytes === "number" ? $BigInt(message.memoryTotalBytes) : $util.Long.fromBits(message.memoryTotalBytes.low >>> 0, message.memoryTotalBytes.high >>> 0, true).toBigInt();
                    else if (typeof message.memoryTotalBytes === "number")
                        object.memoryTotalBytes = options.longs === $String ? $String(message.memoryTotalBytes) : message.memoryTotalBytes;
                    else
                        object.memoryTotalBytes = options.longs === $String ? $util.Long.prototype.toString.call(message.memoryTotalBytes) : options.longs === $Number ? new $util.LongBits(message.memoryTotalBytes.low >>> 0, message.memoryTotalBytes.high >>> 0).toNumber(true) : message.memoryTotalBytes;
                if (message.diskUsedBytes != null && $Object.hasOwnProperty.call(message, "diskUsedBytes"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.diskUsedBytes = typeof message.diskUsedBytes === "number" ? $BigInt(message.diskUsedBytes) : $util.Long.fromBits(message.diskUsedBytes.low >>> 0, message.diskUsedBytes.high >>> 0, true).toBigInt();
                    else if (typeof message.diskUsedBytes === "number")
                        object.diskUsedBytes = options.longs === $String ? $String(message.diskUsedBytes) : message.diskUsedBytes;
                    else
                        object.diskUsedBytes = options.longs === $String ? $util.Long.prototype.toString.call(message.diskUsedBytes) : options.longs === $Number ? new $util.LongBits(message.diskUsedBytes.low >>> 0, message.diskUsedBytes.high >>> 0).toNumber(true) : message.diskUsedBytes;
                if (message.diskTotalBytes != null && $Object.hasOwnProperty.call(message, "diskTotalBytes"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.diskTotalBytes = typeof message.diskTotalBytes === "number" ? $BigInt(message.diskTotalBytes) : $util.Long.fromBits(message.diskTotalBytes.low >>> 0, message.diskTotalBytes.high >>> 0, true).toBigInt();
                    else if (typeof message.diskTotalBytes === "number")
                        object.diskTotalBytes = options.longs === $String ? $String(message.diskTotalBytes) : message.diskTotalBytes;
                    else
                        object.diskTotalBytes = options.longs === $String ? $util.Long.prototype.toString.call(message.diskTotalBytes) : options.longs === $Number ? new $util.LongBits(message.diskTotalBytes.low >>> 0, message.diskTotalBytes.high >>> 0).toNumber(true) : message.diskTotalBytes;
                if (message.temperatureC != null && $Object.hasOwnProperty.call(message, "temperatureC"))
                    object.temperatureC = options.json && !$isFinite(message.temperatureC) ? $String(message.temperatureC) : message.temperatureC;
                if (message.accelerator != null && $Object.hasOwnProperty.call(message, "accelerator"))
                    object.accelerator = $root.edge.v1.AcceleratorUsage.toObject(message.accelerator, options, _depth + 1);
                if (message.inference != null && $Object.hasOwnProperty.call(message, "inference"))
                    object.inference = $root.edge.v1.InferenceCounters.toObject(message.inference, options, _depth + 1);
                if (message.clockUntrusted != null && $Object.hasOwnProperty.call(message, "clockUntrusted"))
                    object.clockUntrusted = message.clockUntrusted;
                if (message.queueDepth != null && $Object.hasOwnProperty.call(message, "queueDepth"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.queueDepth = typeof message.queueDepth === "number" ? $BigInt(message.queueDepth) : $util.Long.fromBits(message.queueDepth.low >>> 0, message.queueDepth.high >>> 0, true).toBigInt();
                    else if (typeof message.queueDepth === "number")
                        object.queueDepth = options.longs === $String ? $String(message.queueDepth) : message.queueDepth;
                    else
                        object.queueDepth = options.longs === $String ? $util.Long.prototype.toString.call(message.queueDepth) : options.longs === $Number ? new $util.LongBits(message.queueDepth.low >>> 0, message.queueDepth.high >>> 0).toNumber(true) : message.queueDepth;
                if (message.queueDropped != null && $Object.hasOwnProperty.call(message, "queueDropped"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.queueDropped = typeof message.queueDropped === "number" ? $BigInt(message.queueDropped) : $util.Long.fromBits(message.queueDropped.low >>> 0, message.queueDropped.high >>> 0, true).toBigInt();
                    else if (typeof message.queueDropped === "number")
                        object.queueDropped = options.longs === $String ? $String(message.queueDropped) : message.queueDropped;
                    else
                        object.queueDropped = options.longs === $String ? $util.Long.prototype.toString.call(message.queueDropped) : options.longs === $Number ? new $util.LongBits(message.queueDropped.low >>> 0, message.queueDropped.high >>> 0).toNumber(true) : message.queueDropped;
                if (message.clockOffsetMs != null && $Object.hasOwnProperty.call(message, "clockOffsetMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.clockOffsetMs = typeof message.clockOffsetMs === "number" ? $BigInt(message.clockOffsetMs) : $util.Long.fromBits(message.clockOffsetMs.low >>> 0, message.clockOffsetMs.high >>> 0, false).toBigInt();
                    else if (typeof message.clockOffsetMs === "number")
                        object.clockOffsetMs = options.longs === $String ? $String(message.clockOffsetMs) : message.clockOffsetMs;
                    else
                        object.clockOffsetMs = options.longs === $String ? $util.Long.prototype.toString.call(message.clockOffsetMs) : options.longs === $Number ? new $util.LongBits(message.clockOffsetMs.low >>> 0, message.clockOffsetMs.high >>> 0).toNumber() : message.clockOffsetMs;
                if (message.prevHash != null && $Object.hasOwnProperty.call(message, "prevHash"))
                    object.prevHash = options.bytes === $String ? $util.base64.encode(message.prevHash, 0, message.prevHash.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.prevHash) : message.prevHash;
                if (message.tpmSeal != null && $Object.hasOwnProperty.call(message, "tpmSeal"))
                    object.tpmSeal = $root.edge.v1.TpmSeal.toObject(message.tpmSeal, options, _depth + 1);
                return object;
            };

            /**
             * Converts this Heartbeat to JSON.
             * @function toJSON
             * @memberof edge.v1.Heartbeat
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Heartbeat.prototype.toJSON = function() {
                return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Heartbeat
             * @function getTypeUrl
             * @memberof edge.v1.Heartbeat
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Heartbeat.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.Heartbeat";
            };

            return Heartbeat;
        })();

        v1.TpmSeal = (function() {

            /**
             * Properties of a TpmSeal.
             * @typedef {Object} edge.v1.TpmSeal.$Properties
             * @property {Uint8Array|null} [quote] TpmSeal quote
             * @property {Uint8Array|null} [signature] TpmSeal signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TpmSeal.
             * @memberof edge.v1
             * @interface ITpmSeal
             * @augments edge.v1.TpmSeal.$Properties
             * @deprecated Use edge.v1.TpmSeal.$Properties instead.
             */

            /**
             * Shape of a TpmSeal.
             * @typedef {edge.v1.TpmSeal.$Properties} edge.v1.TpmSeal.$Shape
             */

            /**
             * Constructs a new TpmSeal.
             * @memberof edge.v1
             * @classdesc Represents a TpmSeal.
             * @constructor
             * @param {edge.v1.TpmSeal.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TpmSeal = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TpmSeal quote.
             * @member {Uint8Array} quote
             * @memberof edge.v1.TpmSeal
             * @instance
             */
            TpmSeal.prototype.quote = $util.newBuffer([]);

            /**
             * TpmSeal signature.
             * @member {Uint8Array} signature
             * @memberof edge.v1.TpmSeal
             * @instance
             */
            TpmSeal.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new TpmSeal instance using the specified properties.
             * @function create
             * @memberof edge.v1.TpmSeal
             * @static
             * @param {edge.v1.TpmSeal.$Properties=} [properties] Properties to set
             * @returns {edge.v1.TpmSeal} TpmSeal instance
             * @type {{
             *   (properties: edge.v1.TpmSeal.$Shape): edge.v1.TpmSeal & edge.v1.TpmSeal.$Shape;
             *   (properties?: edge.v1.TpmSeal.$Properties): edge.v1.TpmSeal;
             * }}
             */
            TpmSeal.create = function(properties) {
                return new TpmSeal(properties);
            };

            /**
             * Encodes the specified TpmSeal message. Does not implicitly {@link edge.v1.TpmSeal.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.TpmSeal
             * @static
             * @param {edge.v1.TpmSeal.$Properties} message TpmSeal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TpmSeal.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.quote != null && $Object.hasOwnProperty.call(message, "quote") && message.quote.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.quote);
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a TpmSeal message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.TpmSeal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.TpmSeal & edge.v1.TpmSeal.$Shape} TpmSeal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TpmSeal.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.TpmSeal();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.quote = value;
                            else
                                delete message.quote;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a TpmSeal message.
             * @function verify
             * @memberof edge.v1.TpmSeal
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TpmSeal.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.quote != null && $Object.hasOwnProperty.call(message, "quote"))
                    if (!(message.quote && typeof message.quote.length === "number" || $util.isString(message.quote)))
                        return "quote: buffer expected";
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    if (!(message.signature && typeof message.signature.length === "number" || $util.isString(message.signature)))
                        return "signature: buffer expected";
                return null;
            };

            /**
             * Creates a TpmSeal message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.TpmSeal
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.TpmSeal} TpmSeal
             */
            TpmSeal.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.TpmSeal)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.TpmSeal: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.TpmSeal();
                if (object.quote != null)
                    if (object.quote.length)
                        if (typeof object.quote === "string")
                            $util.base64.decode(object.quote, message.quote = $util.newBuffer($util.base64.length(object.quote)), 0);
                        else if (object.quote.length >= 0)
                            message.quote = object.quote;
                if (object.signature != null)
                    if (object.signature.length)
                        if (typeof object.signature === "string")
                            $util.base64.decode(object.signature, message.signature = $util.newBuffer($util.base64.length(object.signature)), 0);
                        else if (object.signature.length >= 0)
                            message.signature = object.signature;
                return message;
            };

            /**
             * Creates a plain object from a TpmSeal message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.TpmSeal
             * @static
             * @param {edge.v1.TpmSeal} message TpmSeal
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TpmSeal.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.quote = "";
                    else {
                        object.quote = [];
                        if (options.bytes !== $Array)
                            object.quote = $util.newBuffer(object.quote);
                    }
                    if (options.bytes === $String)
                        object.signature = "";
                    else {
                        object.signature = [];
                        if (options.bytes !== $Array)
                            object.signature = $util.newBuffer(object.signature);
                    }
                }
                if (message.quote != null && $Object.hasOwnProperty.call(message, "quote"))
                    object.quote = options.bytes === $String ? $util.base64.encode(message.quote, 0, message.quote.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.quote) : message.quote;
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature"))
                    object.signature = options.bytes === $String ? $util.base64.encode(message.signature, 0, message.signature.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.signature) : message.signature;
                return object;
            };

            /**
             * Converts this TpmSeal to JSON.
             * @function toJSON
             * @memberof edge.v1.TpmSeal
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TpmSeal.prototype.toJSON = function() {
                return TpmSeal.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TpmSeal
             * @function getTypeUrl
             * @memberof edge.v1.TpmSeal
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TpmSeal.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.TpmSeal";
            };

            return TpmSeal;
        })();

        v1.WorkstationMapping = (function() {

            /**
             * Properties of a WorkstationMapping.
             * @typedef {Object} edge.v1.WorkstationMapping.$Properties
             * @property {Array.<string>|null} [workstationCodes] WorkstationMapping workstationCodes
             * @property {number|null} [revision] WorkstationMapping revision
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WorkstationMapping.
             * @memberof edge.v1
             * @interface IWorkstationMapping
             * @augments edge.v1.WorkstationMapping.$Properties
             * @deprecated Use edge.v1.WorkstationMapping.$Properties instead.
             */

            /**
             * Shape of a WorkstationMapping.
             * @typedef {edge.v1.WorkstationMapping.$Properties} edge.v1.WorkstationMapping.$Shape
             */

            /**
             * Constructs a new WorkstationMapping.
             * @memberof edge.v1
             * @classdesc Represents a WorkstationMapping.
             * @constructor
             * @param {edge.v1.WorkstationMapping.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const WorkstationMapping = function (properties) {
                this.workstationCodes = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * WorkstationMapping workstationCodes.
             * @member {Array.<string>} workstationCodes
             * @memberof edge.v1.WorkstationMapping
             * @instance
             */
            WorkstationMapping.prototype.workstationCodes = $util.emptyArray;

            /**
             * WorkstationMapping revision.
             * @member {number} revision
             * @memberof edge.v1.WorkstationMapping
             * @instance
             */
            WorkstationMapping.prototype.revision = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new WorkstationMapping instance using the specified properties.
             * @function create
             * @memberof edge.v1.WorkstationMapping
             * @static
             * @param {edge.v1.WorkstationMapping.$Properties=} [properties] Properties to set
             * @returns {edge.v1.WorkstationMapping} WorkstationMapping instance
             * @type {{
             *   (properties: edge.v1.WorkstationMapping.$Shape): edge.v1.WorkstationMapping & edge.v1.WorkstationMapping.$Shape;
             *   (properties?: edge.v1.WorkstationMapping.$Properties): edge.v1.WorkstationMapping;
             * }}
             */
            WorkstationMapping.create = function(properties) {
                return new WorkstationMapping(properties);
            };

            /**
             * Encodes the specified WorkstationMapping message. Does not implicitly {@link edge.v1.WorkstationMapping.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.WorkstationMapping
             * @static
             * @param {edge.v1.WorkstationMapping.$Properties} message WorkstationMapping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WorkstationMapping.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.workstationCodes != null && message.workstationCodes.length)
                    for (let i = 0; i < message.workstationCodes.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.workstationCodes[i]);
                if (message.revision != null && $Object.hasOwnProperty.call(message, "revision") && (typeof message.revision === "object" ? message.revision.low || message.revision.high : message.revision !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.revision);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a WorkstationMapping message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.WorkstationMapping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.WorkstationMapping & edge.v1.WorkstationMapping.$Shape} WorkstationMapping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WorkstationMapping.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.WorkstationMapping();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.workstationCodes && message.workstationCodes.length))
                                message.workstationCodes = [];
                            message.workstationCodes.push(reader.stringVerify());
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.revision = value;
                            else
                                delete message.revision;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a WorkstationMapping message.
             * @function verify
             * @memberof edge.v1.WorkstationMapping
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            WorkstationMapping.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.workstationCodes != null && $Object.hasOwnProperty.call(message, "workstationCodes")) {
                    if (!$Array.isArray(message.workstationCodes))
                        return "workstationCodes: array expected";
                    for (let i = 0; i < message.workstationCodes.length; ++i)
                        if (!$util.isString(message.workstationCodes[i]))
                            return "workstationCodes: string[] expected";
                }
                if (message.revision != null && $Object.hasOwnProperty.call(message, "revision"))
                    if (!$util.isInteger(message.revision) && !(message.revision && $util.isInteger(message.revision.low) && $util.isInteger(message.revision.high)))
                        return "revision: integer|Long expected";
                return null;
            };

            /**
             * Creates a WorkstationMapping message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.WorkstationMapping
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.WorkstationMapping} WorkstationMapping
             */
            WorkstationMapping.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.WorkstationMapping)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.WorkstationMapping: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.WorkstationMapping();
                if (object.workstationCodes) {
                    if (!$Array.isArray(object.workstationCodes))
                        throw $TypeError(".edge.v1.WorkstationMapping.workstationCodes: array expected");
                    message.workstationCodes = $Array(object.workstationCodes.length);
                    for (let i = 0; i < object.workstationCodes.length; ++i)
                        message.workstationCodes[i] = $String(object.workstationCodes[i]);
                }
                if (object.revision != null)
                    if (typeof object.revision === "object" ? object.revision.low || object.revision.high : $Number(object.revision) !== 0)
                        if ($util.Long)
                            message.revision = $util.Long.fromValue(object.revision, true);
                        else if (typeof object.revision === "string")
                            message.revision = $parseInt(object.revision, 10);
                        else if (typeof object.revision === "number")
                            message.revision = object.revision;
                        else if (typeof object.revision === "object")
                            message.revision = new $util.LongBits(object.revision.low >>> 0, object.revision.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a WorkstationMapping message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.WorkstationMapping
             * @static
             * @param {edge.v1.WorkstationMapping} message WorkstationMapping
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            WorkstationMapping.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.workstationCodes = [];
                if (options.defaults)
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.revision = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.revision = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if (message.workstationCodes && message.workstationCodes.length) {
                    object.workstationCodes = $Array(message.workstationCodes.length);
                    for (let j = 0; j < message.workstationCodes.length; ++j)
                        object.workstationCodes[j] = message.workstationCodes[j];
                }
                if (message.revision != null && $Object.hasOwnProperty.call(message, "revision"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.revision = typeof message.revision === "number" ? $BigInt(message.revision) : $util.Long.fromBits(message.revision.low >>> 0, message.revision.high >>> 0, true).toBigInt();
                    else if (typeof message.revision === "number")
                        object.revision = options.longs === $String ? $String(message.revision) : message.revision;
                    else
                        object.revision = options.longs === $String ? $util.Long.prototype.toString.call(message.revision) : options.longs === $Number ? new $util.LongBits(message.revision.low >>> 0, message.revision.high >>> 0).toNumber(true) : message.revision;
                return object;
            };

            /**
             * Converts this WorkstationMapping to JSON.
             * @function toJSON
             * @memberof edge.v1.WorkstationMapping
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            WorkstationMapping.prototype.toJSON = function() {
                return WorkstationMapping.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for WorkstationMapping
             * @function getTypeUrl
             * @memberof edge.v1.WorkstationMapping
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            WorkstationMapping.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.WorkstationMapping";
            };

            return WorkstationMapping;
        })();

        v1.Status = (function() {

            /**
             * Properties of a Status.
             * @typedef {Object} edge.v1.Status.$Properties
             * @property {boolean|null} [online] Status online
             * @property {number|null} [deviceTimeMs] Status deviceTimeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Status.
             * @memberof edge.v1
             * @interface IStatus
             * @augments edge.v1.Status.$Properties
             * @deprecated Use edge.v1.Status.$Properties instead.
             */

            /**
             * Shape of a Status.
             * @typedef {edge.v1.Status.$Properties} edge.v1.Status.$Shape
             */

            /**
             * Constructs a new Status.
             * @memberof edge.v1
             * @classdesc Represents a Status.
             * @constructor
             * @param {edge.v1.Status.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Status = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Status online.
             * @member {boolean} online
             * @memberof edge.v1.Status
             * @instance
             */
            Status.prototype.online = false;

            /**
             * Status deviceTimeMs.
             * @member {number} deviceTimeMs
             * @memberof edge.v1.Status
             * @instance
             */
            Status.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Status instance using the specified properties.
             * @function create
             * @memberof edge.v1.Status
             * @static
             * @param {edge.v1.Status.$Properties=} [properties] Properties to set
             * @returns {edge.v1.Status} Status instance
             * @type {{
             *   (properties: edge.v1.Status.$Shape): edge.v1.Status & edge.v1.Status.$Shape;
             *   (properties?: edge.v1.Status.$Properties): edge.v1.Status;
             * }}
             */
            Status.create = function(properties) {
                return new Status(properties);
            };

            /**
             * Encodes the specified Status message. Does not implicitly {@link edge.v1.Status.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.Status
             * @static
             * @param {edge.v1.Status.$Properties} message Status message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Status.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.online != null && $Object.hasOwnProperty.call(message, "online") && message.online !== false)
                    writer.uint32(/* id 1, wireType 0 =*/8).bool(message.online);
                if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.deviceTimeMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Status message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.Status
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.Status & edge.v1.Status.$Shape} Status
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Status.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.Status();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.online = value;
                            else
                                delete message.online;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.deviceTimeMs = value;
                            else
                                delete message.deviceTimeMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a Status message.
             * @function verify
             * @memberof edge.v1.Status
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Status.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.online != null && $Object.hasOwnProperty.call(message, "online"))
                    if (typeof message.online !== "boolean")
                        return "online: boolean expected";
                if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                    if (!$util.isInteger(message.deviceTimeMs) && !(message.deviceTimeMs && $util.isInteger(message.deviceTimeMs.low) && $util.isInteger(message.deviceTimeMs.high)))
                        return "deviceTimeMs: integer|Long expected";
                return null;
            };

            /**
             * Creates a Status message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.Status
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.Status} Status
             */
            Status.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.Status)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.Status: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.Status();
                if (object.online != null)
                    if (object.online)
                        message.online = $Boolean(object.online);
                if (object.deviceTimeMs != null)
                    if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                        if ($util.Long)
                            message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, false);
                        else if (typeof object.deviceTimeMs === "string")
                            message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                        else if (typeof object.deviceTimeMs === "number")
                            message.deviceTimeMs = object.deviceTimeMs;
                        else if (typeof object.deviceTimeMs === "object")
                            message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a Status message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.Status
             * @static
             * @param {edge.v1.Status} message Status
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Status.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.online = false;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.online != null && $Object.hasOwnProperty.call(message, "online"))
                    object.online = message.online;
                if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof message.deviceTimeMs === "number")
                        object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                    else
                        object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber() : message.deviceTimeMs;
                return object;
            };

            /**
             * Converts this Status to JSON.
             * @function toJSON
             * @memberof edge.v1.Status
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Status.prototype.toJSON = function() {
                return Status.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Status
             * @function getTypeUrl
             * @memberof edge.v1.Status
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Status.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.Status";
            };

            return Status;
        })();

        v1.Command = (function() {

            /**
             * Properties of a Command.
             * @typedef {Object} edge.v1.Command.$Properties
             * @property {string|null} [id] Command id
             * @property {number|null} [issuedAtMs] Command issuedAtMs
             * @property {edge.v1.Ping.$Properties|null} [ping] Command ping
             * @property {edge.v1.SetHeartbeatInterval.$Properties|null} [setHeartbeatInterval] Command setHeartbeatInterval
             * @property {edge.v1.RequestHello.$Properties|null} [requestHello] Command requestHello
             * @property {"ping"|"setHeartbeatInterval"|"requestHello"} [action] Command action
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Command.
             * @memberof edge.v1
             * @interface ICommand
             * @augments edge.v1.Command.$Properties
             * @deprecated Use edge.v1.Command.$Properties instead.
             */

            /**
             * Narrowed shape of a Command.
             * @typedef {{
             *   id?: string|null;
             *   issuedAtMs?: number|null;
             *   ping?: edge.v1.Ping.$Shape|null;
             *   setHeartbeatInterval?: edge.v1.SetHeartbeatInterval.$Shape|null;
             *   requestHello?: edge.v1.RequestHello.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ action?: undefined; ping?: null; setHeartbeatInterval?: null; requestHello?: null }|{ action?: "ping"; ping: edge.v1.Ping.$Shape; setHeartbeatInterval?: null; requestHello?: null }|{ action?: "setHeartbeatInterval"; ping?: null; setHeartbeatInterval: edge.v1.SetHeartbeatInterval.$Shape; requestHello?: null }|{ action?: "requestHello"; ping?: null; setHeartbeatInterval?: null; requestHello: edge.v1.RequestHello.$Shape })
             * )} edge.v1.Command.$Shape
             */

            /**
             * Constructs a new Command.
             * @memberof edge.v1
             * @classdesc Represents a Command.
             * @constructor
             * @param {edge.v1.Command.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Command = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Command id.
             * @member {string} id
             * @memberof edge.v1.Command
             * @instance
             */
            Command.prototype.id = "";

            /**
             * Command issuedAtMs.
             * @member {number} issuedAtMs
             * @memberof edge.v1.Command
             * @instance
             */
            Command.prototype.issuedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Command ping.
             * @member {edge.v1.Ping.$Properties|null|undefined} ping
             * @memberof edge.v1.Command
             * @instance
             */
            Command.prototype.ping = null;

            /**
             * Command setHeartbeatInterval.
             * @member {edge.v1.SetHeartbeatInterval.$Properties|null|undefined} setHeartbeatInterval
             * @memberof edge.v1.Command
             * @instance
             */
            Command.prototype.setHeartbeatInterval = null;

            /**
             * Command requestHello.
             * @member {edge.v1.RequestHello.$Properties|null|undefined} requestHello
             * @memberof edge.v1.Command
             * @instance
             */
            Command.prototype.requestHello = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Command action.
             * @member {"ping"|"setHeartbeatInterval"|"requestHello"|undefined} action
             * @memberof edge.v1.Command
             * @instance
             */
            $Object.defineProperty(Command.prototype, "action", {
                get: $util.oneOfGetter($oneOfFields = ["ping", "setHeartbeatInterval", "requestHello"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Command instance using the specified properties.
             * @function create
             * @memberof edge.v1.Command
             * @static
             * @param {edge.v1.Command.$Properties=} [properties] Properties to set
             * @returns {edge.v1.Command} Command instance
             * @type {{
             *   (properties: edge.v1.Command.$Shape): edge.v1.Command & edge.v1.Command.$Shape;
             *   (properties?: edge.v1.Command.$Properties): edge.v1.Command;
             * }}
             */
            Command.create = function(properties) {
                return new Command(properties);
            };

            /**
             * Encodes the specified Command message. Does not implicitly {@link edge.v1.Command.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.Command
             * @static
             * @param {edge.v1.Command.$Properties} message Command message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Command.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                if (message.issuedAtMs != null && $Object.hasOwnProperty.call(message, "issuedAtMs") && (typeof message.issuedAtMs === "object" ? message.issuedAtMs.low || message.issuedAtMs.high : message.issuedAtMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.issuedAtMs);
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping"))
                    $root.edge.v1.Ping.encode(message.ping, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.setHeartbeatInterval != null && $Object.hasOwnProperty.call(message, "setHeartbeatInterval"))
                    $root.edge.v1.SetHeartbeatInterval.encode(message.setHeartbeatInterval, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.requestHello != null && $Object.hasOwnProperty.call(message, "requestHello"))
                    $root.edge.v1.RequestHello.encode(message.requestHello, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Command message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.Command
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.Command & edge.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Command.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.Command();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.issuedAtMs = value;
                            else
                                delete message.issuedAtMs;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.ping = $root.edge.v1.Ping.decode(reader, reader.size(), $undefined, _depth + 1, message.ping);
                            message.action = "ping";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.setHeartbeatInterval = $root.edge.v1.SetHeartbeatInterval.decode(reader, reader.size(), $undefined, _depth + 1, message.setHeartbeatInterval);
                            message.action = "setHeartbeatInterval";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.requestHello = $root.edge.v1.RequestHello.decode(reader, reader.size(), $undefined, _depth + 1, message.requestHello);
                            message.action = "requestHello";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a Command message.
             * @function verify
             * @memberof edge.v1.Command
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Command.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    if (!$util.isString(message.id))
                        return "id: string expected";
                if (message.issuedAtMs != null && $Object.hasOwnProperty.call(message, "issuedAtMs"))
                    if (!$util.isInteger(message.issuedAtMs) && !(message.issuedAtMs && $util.isInteger(message.issuedAtMs.low) && $util.isInteger(message.issuedAtMs.high)))
                        return "issuedAtMs: integer|Long expected";
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping")) {
                    properties.action = 1;
                    {
                        let error = $root.edge.v1.Ping.verify(message.ping, _depth + 1);
                        if (error)
                            return "ping." + error;
                    }
                }
                if (message.setHeartbeatInterval != null && $Object.hasOwnProperty.call(message, "setHeartbeatInterval")) {
                    if (properties.action === 1)
                        return "action: multiple values";
                    properties.action = 1;
                    {
                        let error = $root.edge.v1.SetHeartbeatInterval.verify(message.setHeartbeatInterval, _depth + 1);
                        if (error)
                            return "setHeartbeatInterval." + error;
                    }
                }
                if (message.requestHello != null && $Object.hasOwnProperty.call(message, "requestHello")) {
                    if (properties.action === 1)
                        return "action: multiple values";
                    properties.action = 1;
                    {
                        let error = $root.edge.v1.RequestHello.verify(message.requestHello, _depth + 1);
                        if (error)
                            return "requestHello." + error;
                    }
                }
                return null;
            };

            /**
             * Creates a Command message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.Command
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.Command} Command
             */
            Command.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.Command)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.Command: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.Command();
                if (object.id != null)
                    if (typeof object.id !== "string" || object.id.length)
                        message.id = $String(object.id);
                if (object.issuedAtMs != null)
                    if (typeof object.issuedAtMs === "object" ? object.issuedAtMs.low || object.issuedAtMs.high : $Number(object.issuedAtMs) !== 0)
                        if ($util.Long)
                            message.issuedAtMs = $util.Long.fromValue(object.issuedAtMs, false);
                        else if (typeof object.issuedAtMs === "string")
                            message.issuedAtMs = $parseInt(object.issuedAtMs, 10);
                        else if (typeof object.issuedAtMs === "number")
                            message.issuedAtMs = object.issuedAtMs;
                        else if (typeof object.issuedAtMs === "object")
                            message.issuedAtMs = new $util.LongBits(object.issuedAtMs.low >>> 0, object.issuedAtMs.high >>> 0).toNumber();
                if (object.ping != null) {
                    if (!$util.isObject(object.ping))
                        throw $TypeError(".edge.v1.Command.ping: object expected");
                    message.ping = $root.edge.v1.Ping.fromObject(object.ping, _depth + 1);
                }
                if (object.setHeartbeatInterval != null) {
                    if (!$util.isObject(object.setHeartbeatInterval))
                        throw $TypeError(".edge.v1.Command.setHeartbeatInterval: object expected");
                    message.setHeartbeatInterval = $root.edge.v1.SetHeartbeatInterval.fromObject(object.setHeartbeatInterval, _depth + 1);
                }
                if (object.requestHello != null) {
                    if (!$util.isObject(object.requestHello))
                        throw $TypeError(".edge.v1.Command.requestHello: object expected");
                    message.requestHello = $root.edge.v1.RequestHello.fromObject(object.requestHello, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a Command message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.Command
             * @static
             * @param {edge.v1.Command} message Command
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Command.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.id = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.issuedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.issuedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    object.id = message.id;
                if (message.issuedAtMs != null && $Object.hasOwnProperty.call(message, "issuedAtMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.issuedAtMs = typeof message.issuedAtMs === "number" ? $BigInt(message.issuedAtMs) : $util.Long.fromBits(message.issuedAtMs.low >>> 0, message.issuedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof message.issuedAtMs === "number")
                        object.issuedAtMs = options.longs === $String ? $String(message.issuedAtMs) : message.issuedAtMs;
                    else
                        object.issuedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.issuedAtMs) : options.longs === $Number ? new $util.LongBits(message.issuedAtMs.low >>> 0, message.issuedAtMs.high >>> 0).toNumber() : message.issuedAtMs;
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping")) {
                    object.ping = $root.edge.v1.Ping.toObject(message.ping, options, _depth + 1);
                    if (options.oneofs)
                        object.action = "ping";
                }
                if (message.setHeartbeatInterval != null && $Object.hasOwnProperty.call(message, "setHeartbeatInterval")) {
                    object.setHeartbeatInterval = $root.edge.v1.SetHeartbeatInterval.toObject(message.setHeartbeatInterval, options, _depth + 1);
                    if (options.oneofs)
                        object.action = "setHeartbeatInterval";
                }
                if (message.requestHello != null && $Object.hasOwnProperty.call(message, "requestHello")) {
                    object.requestHello = $root.edge.v1.RequestHello.toObject(message.requestHello, options, _depth + 1);
                    if (options.oneofs)
                        object.action = "requestHello";
                }
                return object;
            };

            /**
             * Converts this Command to JSON.
             * @function toJSON
             * @memberof edge.v1.Command
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Command.prototype.toJSON = function() {
                return Command.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Command
             * @function getTypeUrl
             * @memberof edge.v1.Command
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Command.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.Command";
            };

            return Command;
        })();

        v1.Ping = (function() {

            /**
             * Properties of a Ping.
             * @typedef {Object} edge.v1.Ping.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Ping.
             * @memberof edge.v1
             * @interface IPing
             * @augments edge.v1.Ping.$Properties
             * @deprecated Use edge.v1.Ping.$Properties instead.
             */

            /**
             * Shape of a Ping.
             * @typedef {edge.v1.Ping.$Properties} edge.v1.Ping.$Shape
             */

            /**
             * Constructs a new Ping.
             * @memberof edge.v1
             * @classdesc Represents a Ping.
             * @constructor
             * @param {edge.v1.Ping.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ping = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Creates a new Ping instance using the specified properties.
             * @function create
             * @memberof edge.v1.Ping
             * @static
             * @param {edge.v1.Ping.$Properties=} [properties] Properties to set
             * @returns {edge.v1.Ping} Ping instance
             * @type {{
             *   (properties: edge.v1.Ping.$Shape): edge.v1.Ping & edge.v1.Ping.$Shape;
             *   (properties?: edge.v1.Ping.$Properties): edge.v1.Ping;
             * }}
             */
            Ping.create = function(properties) {
                return new Ping(properties);
            };

            /**
             * Encodes the specified Ping message. Does not implicitly {@link edge.v1.Ping.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.Ping
             * @static
             * @param {edge.v1.Ping.$Properties} message Ping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.Ping & edge.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.Ping();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    reader.skipType(tag & 7, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a Ping message.
             * @function verify
             * @memberof edge.v1.Ping
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Ping.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                return null;
            };

            /**
             * Creates a Ping message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.Ping
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.Ping} Ping
             */
            Ping.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.Ping)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.Ping: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                return new $root.edge.v1.Ping();
            };

            /**
             * Creates a plain object from a Ping message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.Ping
             * @static
             * @param {edge.v1.Ping} message Ping
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Ping.toObject = function () {
                return {};
            };

            /**
             * Converts this Ping to JSON.
             * @function toJSON
             * @memberof edge.v1.Ping
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Ping.prototype.toJSON = function() {
                return Ping.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Ping
             * @function getTypeUrl
             * @memberof edge.v1.Ping
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ping.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.Ping";
            };

            return Ping;
        })();

        v1.SetHeartbeatInterval = (function() {

            /**
             * Properties of a SetHeartbeatInterval.
             * @typedef {Object} edge.v1.SetHeartbeatInterval.$Properties
             * @property {number|null} [intervalMs] SetHeartbeatInterval intervalMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SetHeartbeatInterval.
             * @memberof edge.v1
             * @interface ISetHeartbeatInterval
             * @augments edge.v1.SetHeartbeatInterval.$Properties
             * @deprecated Use edge.v1.SetHeartbeatInterval.$Properties instead.
             */

            /**
             * Shape of a SetHeartbeatInterval.
             * @typedef {edge.v1.SetHeartbeatInterval.$Properties} edge.v1.SetHeartbeatInterval.$Shape
             */

            /**
             * Constructs a new SetHeartbeatInterval.
             * @memberof edge.v1
             * @classdesc Represents a SetHeartbeatInterval.
             * @constructor
             * @param {edge.v1.SetHeartbeatInterval.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SetHeartbeatInterval = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SetHeartbeatInterval intervalMs.
             * @member {number} intervalMs
             * @memberof edge.v1.SetHeartbeatInterval
             * @instance
             */
            SetHeartbeatInterval.prototype.intervalMs = 0;

            /**
             * Creates a new SetHeartbeatInterval instance using the specified properties.
             * @function create
             * @memberof edge.v1.SetHeartbeatInterval
             * @static
             * @param {edge.v1.SetHeartbeatInterval.$Properties=} [properties] Properties to set
             * @returns {edge.v1.SetHeartbeatInterval} SetHeartbeatInterval instance
             * @type {{
             *   (properties: edge.v1.SetHeartbeatInterval.$Shape): edge.v1.SetHeartbeatInterval & edge.v1.SetHeartbeatInterval.$Shape;
             *   (properties?: edge.v1.SetHeartbeatInterval.$Properties): edge.v1.SetHeartbeatInterval;
             * }}
             */
            SetHeartbeatInterval.create = function(properties) {
                return new SetHeartbeatInterval(properties);
            };

            /**
             * Encodes the specified SetHeartbeatInterval message. Does not implicitly {@link edge.v1.SetHeartbeatInterval.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.SetHeartbeatInterval
             * @static
             * @param {edge.v1.SetHeartbeatInterval.$Properties} message SetHeartbeatInterval message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetHeartbeatInterval.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.intervalMs != null && $Object.hasOwnProperty.call(message, "intervalMs") && message.intervalMs !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.intervalMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SetHeartbeatInterval message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.SetHeartbeatInterval
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.SetHeartbeatInterval & edge.v1.SetHeartbeatInterval.$Shape} SetHeartbeatInterval
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetHeartbeatInterval.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.SetHeartbeatInterval();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.intervalMs = value;
                            else
                                delete message.intervalMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a SetHeartbeatInterval message.
             * @function verify
             * @memberof edge.v1.SetHeartbeatInterval
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SetHeartbeatInterval.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.intervalMs != null && $Object.hasOwnProperty.call(message, "intervalMs"))
                    if (!$util.isInteger(message.intervalMs))
                        return "intervalMs: integer expected";
                return null;
            };

            /**
             * Creates a SetHeartbeatInterval message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.SetHeartbeatInterval
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.SetHeartbeatInterval} SetHeartbeatInterval
             */
            SetHeartbeatInterval.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.SetHeartbeatInterval)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.SetHeartbeatInterval: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.edge.v1.SetHeartbeatInterval();
                if (object.intervalMs != null)
                    if ($Number(object.intervalMs) !== 0)
                        message.intervalMs = object.intervalMs >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a SetHeartbeatInterval message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.SetHeartbeatInterval
             * @static
             * @param {edge.v1.SetHeartbeatInterval} message SetHeartbeatInterval
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SetHeartbeatInterval.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.intervalMs = 0;
                if (message.intervalMs != null && $Object.hasOwnProperty.call(message, "intervalMs"))
                    object.intervalMs = message.intervalMs;
                return object;
            };

            /**
             * Converts this SetHeartbeatInterval to JSON.
             * @function toJSON
             * @memberof edge.v1.SetHeartbeatInterval
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SetHeartbeatInterval.prototype.toJSON = function() {
                return SetHeartbeatInterval.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SetHeartbeatInterval
             * @function getTypeUrl
             * @memberof edge.v1.SetHeartbeatInterval
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SetHeartbeatInterval.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.SetHeartbeatInterval";
            };

            return SetHeartbeatInterval;
        })();

        v1.RequestHello = (function() {

            /**
             * Properties of a RequestHello.
             * @typedef {Object} edge.v1.RequestHello.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RequestHello.
             * @memberof edge.v1
             * @interface IRequestHello
             * @augments edge.v1.RequestHello.$Properties
             * @deprecated Use edge.v1.RequestHello.$Properties instead.
             */

            /**
             * Shape of a RequestHello.
             * @typedef {edge.v1.RequestHello.$Properties} edge.v1.RequestHello.$Shape
             */

            /**
             * Constructs a new RequestHello.
             * @memberof edge.v1
             * @classdesc Represents a RequestHello.
             * @constructor
             * @param {edge.v1.RequestHello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RequestHello = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Creates a new RequestHello instance using the specified properties.
             * @function create
             * @memberof edge.v1.RequestHello
             * @static
             * @param {edge.v1.RequestHello.$Properties=} [properties] Properties to set
             * @returns {edge.v1.RequestHello} RequestHello instance
             * @type {{
             *   (properties: edge.v1.RequestHello.$Shape): edge.v1.RequestHello & edge.v1.RequestHello.$Shape;
             *   (properties?: edge.v1.RequestHello.$Properties): edge.v1.RequestHello;
             * }}
             */
            RequestHello.create = function(properties) {
                return new RequestHello(properties);
            };

            /**
             * Encodes the specified RequestHello message. Does not implicitly {@link edge.v1.RequestHello.verify|verify} messages.
             * @function encode
             * @memberof edge.v1.RequestHello
             * @static
             * @param {edge.v1.RequestHello.$Properties} message RequestHello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RequestHello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a RequestHello message from the specified reader or buffer.
             * @function decode
             * @memberof edge.v1.RequestHello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {edge.v1.RequestHello & edge.v1.RequestHello.$Shape} RequestHello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RequestHello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.edge.v1.RequestHello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    reader.skipType(tag & 7, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Verifies a RequestHello message.
             * @function verify
             * @memberof edge.v1.RequestHello
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            RequestHello.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                return null;
            };

            /**
             * Creates a RequestHello message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof edge.v1.RequestHello
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {edge.v1.RequestHello} RequestHello
             */
            RequestHello.fromObject = function (object, _depth) {
                if (object instanceof $root.edge.v1.RequestHello)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".edge.v1.RequestHello: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                return new $root.edge.v1.RequestHello();
            };

            /**
             * Creates a plain object from a RequestHello message. Also converts values to other types if specified.
             * @function toObject
             * @memberof edge.v1.RequestHello
             * @static
             * @param {edge.v1.RequestHello} message RequestHello
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RequestHello.toObject = function () {
                return {};
            };

            /**
             * Converts this RequestHello to JSON.
             * @function toJSON
             * @memberof edge.v1.RequestHello
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RequestHello.prototype.toJSON = function() {
                return RequestHello.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RequestHello
             * @function getTypeUrl
             * @memberof edge.v1.RequestHello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RequestHello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/edge.v1.RequestHello";
            };

            return RequestHello;
        })();

        return v1;
    })();

    return edge;
})();

export {
  $root as default
};
