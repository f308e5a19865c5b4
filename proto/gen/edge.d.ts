import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace edge. */
export namespace edge {

    /** Namespace v1. */
    namespace v1 {

        /** DeviceKind enum. */
        enum DeviceKind {

            /** DEVICE_KIND_UNSPECIFIED value */
            DEVICE_KIND_UNSPECIFIED = 0,

            /** COMPUTE_BOX value */
            COMPUTE_BOX = 1,

            /** INDUSTRIAL_PC value */
            INDUSTRIAL_PC = 2,

            /** SERVER value */
            SERVER = 3
        }

        /**
         * Properties of an Envelope.
         * @deprecated Use edge.v1.Envelope.$Properties instead.
         */
        interface IEnvelope extends edge.v1.Envelope.$Properties {
        }

        /** Represents an Envelope. */
        class Envelope {

            /**
             * Constructs a new Envelope.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.Envelope.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Envelope body. */
            body: Uint8Array;

            /** Envelope signature. */
            signature: Uint8Array;

            /**
             * Creates a new Envelope instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Envelope instance
             */
            static create(properties: edge.v1.Envelope.$Shape): edge.v1.Envelope & edge.v1.Envelope.$Shape;
            static create(properties?: edge.v1.Envelope.$Properties): edge.v1.Envelope;

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link edge.v1.Envelope.verify|verify} messages.
             * @param message Envelope message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.Envelope & edge.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.Envelope & edge.v1.Envelope.$Shape;

            /**
             * Verifies an Envelope message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Envelope
             */
            static fromObject(object: { [k: string]: any }): edge.v1.Envelope;

            /**
             * Creates a plain object from an Envelope message. Also converts values to other types if specified.
             * @param message Envelope
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.Envelope, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Envelope to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Envelope
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Envelope {

            /** Properties of an Envelope. */
            interface $Properties {

                /** Envelope body */
                body?: (Uint8Array|null);

                /** Envelope signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Envelope. */
            type $Shape = edge.v1.Envelope.$Properties;
        }

        /**
         * Properties of a Disk.
         * @deprecated Use edge.v1.Disk.$Properties instead.
         */
        interface IDisk extends edge.v1.Disk.$Properties {
        }

        /** Represents a Disk. */
        class Disk {

            /**
             * Constructs a new Disk.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.Disk.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Disk model. */
            model: string;

            /** Disk serial. */
            serial: string;

            /** Disk sizeBytes. */
            sizeBytes: number;

            /** Disk type. */
            type: string;

            /**
             * Creates a new Disk instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Disk instance
             */
            static create(properties: edge.v1.Disk.$Shape): edge.v1.Disk & edge.v1.Disk.$Shape;
            static create(properties?: edge.v1.Disk.$Properties): edge.v1.Disk;

            /**
             * Encodes the specified Disk message. Does not implicitly {@link edge.v1.Disk.verify|verify} messages.
             * @param message Disk message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.Disk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Disk message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.Disk & edge.v1.Disk.$Shape} Disk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.Disk & edge.v1.Disk.$Shape;

            /**
             * Verifies a Disk message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Disk message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Disk
             */
            static fromObject(object: { [k: string]: any }): edge.v1.Disk;

            /**
             * Creates a plain object from a Disk message. Also converts values to other types if specified.
             * @param message Disk
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.Disk, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Disk to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Disk
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Disk {

            /** Properties of a Disk. */
            interface $Properties {

                /** Disk model */
                model?: (string|null);

                /** Disk serial */
                serial?: (string|null);

                /** Disk sizeBytes */
                sizeBytes?: (number|null);

                /** Disk type */
                type?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Disk. */
            type $Shape = edge.v1.Disk.$Properties;
        }

        /**
         * Properties of a NetworkInterface.
         * @deprecated Use edge.v1.NetworkInterface.$Properties instead.
         */
        interface INetworkInterface extends edge.v1.NetworkInterface.$Properties {
        }

        /** Represents a NetworkInterface. */
        class NetworkInterface {

            /**
             * Constructs a new NetworkInterface.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.NetworkInterface.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** NetworkInterface name. */
            name: string;

            /** NetworkInterface mac. */
            mac: string;

            /** NetworkInterface virtual. */
            virtual: boolean;

            /**
             * Creates a new NetworkInterface instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkInterface instance
             */
            static create(properties: edge.v1.NetworkInterface.$Shape): edge.v1.NetworkInterface & edge.v1.NetworkInterface.$Shape;
            static create(properties?: edge.v1.NetworkInterface.$Properties): edge.v1.NetworkInterface;

            /**
             * Encodes the specified NetworkInterface message. Does not implicitly {@link edge.v1.NetworkInterface.verify|verify} messages.
             * @param message NetworkInterface message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.NetworkInterface.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkInterface message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.NetworkInterface & edge.v1.NetworkInterface.$Shape} NetworkInterface
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.NetworkInterface & edge.v1.NetworkInterface.$Shape;

            /**
             * Verifies a NetworkInterface message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a NetworkInterface message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkInterface
             */
            static fromObject(object: { [k: string]: any }): edge.v1.NetworkInterface;

            /**
             * Creates a plain object from a NetworkInterface message. Also converts values to other types if specified.
             * @param message NetworkInterface
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.NetworkInterface, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkInterface to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for NetworkInterface
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace NetworkInterface {

            /** Properties of a NetworkInterface. */
            interface $Properties {

                /** NetworkInterface name */
                name?: (string|null);

                /** NetworkInterface mac */
                mac?: (string|null);

                /** NetworkInterface virtual */
                virtual?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkInterface. */
            type $Shape = edge.v1.NetworkInterface.$Properties;
        }

        /**
         * Properties of an Accelerator.
         * @deprecated Use edge.v1.Accelerator.$Properties instead.
         */
        interface IAccelerator extends edge.v1.Accelerator.$Properties {
        }

        /** Represents an Accelerator. */
        class Accelerator {

            /**
             * Constructs a new Accelerator.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.Accelerator.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Accelerator vendor. */
            vendor: string;

            /** Accelerator model. */
            model: string;

            /** Accelerator memoryBytes. */
            memoryBytes: number;

            /**
             * Creates a new Accelerator instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Accelerator instance
             */
            static create(properties: edge.v1.Accelerator.$Shape): edge.v1.Accelerator & edge.v1.Accelerator.$Shape;
            static create(properties?: edge.v1.Accelerator.$Properties): edge.v1.Accelerator;

            /**
             * Encodes the specified Accelerator message. Does not implicitly {@link edge.v1.Accelerator.verify|verify} messages.
             * @param message Accelerator message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.Accelerator.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Accelerator message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.Accelerator & edge.v1.Accelerator.$Shape} Accelerator
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.Accelerator & edge.v1.Accelerator.$Shape;

            /**
             * Verifies an Accelerator message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an Accelerator message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Accelerator
             */
            static fromObject(object: { [k: string]: any }): edge.v1.Accelerator;

            /**
             * Creates a plain object from an Accelerator message. Also converts values to other types if specified.
             * @param message Accelerator
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.Accelerator, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Accelerator to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Accelerator
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Accelerator {

            /** Properties of an Accelerator. */
            interface $Properties {

                /** Accelerator vendor */
                vendor?: (string|null);

                /** Accelerator model */
                model?: (string|null);

                /** Accelerator memoryBytes */
                memoryBytes?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Accelerator. */
            type $Shape = edge.v1.Accelerator.$Properties;
        }

        /**
         * Properties of a HardwareInventory.
         * @deprecated Use edge.v1.HardwareInventory.$Properties instead.
         */
        interface IHardwareInventory extends edge.v1.HardwareInventory.$Properties {
        }

        /** Represents a HardwareInventory. */
        class HardwareInventory {

            /**
             * Constructs a new HardwareInventory.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.HardwareInventory.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** HardwareInventory systemManufacturer. */
            systemManufacturer: string;

            /** HardwareInventory systemModel. */
            systemModel: string;

            /** HardwareInventory systemSerial. */
            systemSerial: string;

            /** HardwareInventory systemUuid. */
            systemUuid: string;

            /** HardwareInventory boardManufacturer. */
            boardManufacturer: string;

            /** HardwareInventory boardModel. */
            boardModel: string;

            /** HardwareInventory boardSerial. */
            boardSerial: string;

            /** HardwareInventory cpuBrand. */
            cpuBrand: string;

            /** HardwareInventory cpuCores. */
            cpuCores: number;

            /** HardwareInventory cpuPhysicalCores. */
            cpuPhysicalCores: number;

            /** HardwareInventory memoryBytes. */
            memoryBytes: number;

            /** HardwareInventory disks. */
            disks: edge.v1.Disk.$Properties[];

            /** HardwareInventory nics. */
            nics: edge.v1.NetworkInterface.$Properties[];

            /** HardwareInventory accelerators. */
            accelerators: edge.v1.Accelerator.$Properties[];

            /** HardwareInventory osPlatform. */
            osPlatform: string;

            /** HardwareInventory osDistro. */
            osDistro: string;

            /** HardwareInventory osRelease. */
            osRelease: string;

            /** HardwareInventory arch. */
            arch: string;

            /** HardwareInventory virtual. */
            virtual: boolean;

            /** HardwareInventory virtualHost. */
            virtualHost: string;

            /**
             * Creates a new HardwareInventory instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HardwareInventory instance
             */
            static create(properties: edge.v1.HardwareInventory.$Shape): edge.v1.HardwareInventory & edge.v1.HardwareInventory.$Shape;
            static create(properties?: edge.v1.HardwareInventory.$Properties): edge.v1.HardwareInventory;

            /**
             * Encodes the specified HardwareInventory message. Does not implicitly {@link edge.v1.HardwareInventory.verify|verify} messages.
             * @param message HardwareInventory message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.HardwareInventory.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HardwareInventory message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.HardwareInventory & edge.v1.HardwareInventory.$Shape} HardwareInventory
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.HardwareInventory & edge.v1.HardwareInventory.$Shape;

            /**
             * Verifies a HardwareInventory message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a HardwareInventory message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns HardwareInventory
             */
            static fromObject(object: { [k: string]: any }): edge.v1.HardwareInventory;

            /**
             * Creates a plain object from a HardwareInventory message. Also converts values to other types if specified.
             * @param message HardwareInventory
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.HardwareInventory, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this HardwareInventory to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for HardwareInventory
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace HardwareInventory {

            /** Properties of a HardwareInventory. */
            interface $Properties {

                /** HardwareInventory systemManufacturer */
                systemManufacturer?: (string|null);

                /** HardwareInventory systemModel */
                systemModel?: (string|null);

                /** HardwareInventory systemSerial */
                systemSerial?: (string|null);

                /** HardwareInventory systemUuid */
                systemUuid?: (string|null);

                /** HardwareInventory boardManufacturer */
                boardManufacturer?: (string|null);

                /** HardwareInventory boardModel */
                boardModel?: (string|null);

                /** HardwareInventory boardSerial */
                boardSerial?: (string|null);

                /** HardwareInventory cpuBrand */
                cpuBrand?: (string|null);

                /** HardwareInventory cpuCores */
                cpuCores?: (number|null);

                /** HardwareInventory cpuPhysicalCores */
                cpuPhysicalCores?: (number|null);

                /** HardwareInventory memoryBytes */
                memoryBytes?: (number|null);

                /** HardwareInventory disks */
                disks?: (edge.v1.Disk.$Properties[]|null);

                /** HardwareInventory nics */
                nics?: (edge.v1.NetworkInterface.$Properties[]|null);

                /** HardwareInventory accelerators */
                accelerators?: (edge.v1.Accelerator.$Properties[]|null);

                /** HardwareInventory osPlatform */
                osPlatform?: (string|null);

                /** HardwareInventory osDistro */
                osDistro?: (string|null);

                /** HardwareInventory osRelease */
                osRelease?: (string|null);

                /** HardwareInventory arch */
                arch?: (string|null);

                /** HardwareInventory virtual */
                virtual?: (boolean|null);

                /** HardwareInventory virtualHost */
                virtualHost?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a HardwareInventory. */
            type $Shape = edge.v1.HardwareInventory.$Properties;
        }

        /**
         * Properties of a Hello.
         * @deprecated Use edge.v1.Hello.$Properties instead.
         */
        interface IHello extends edge.v1.Hello.$Properties {
        }

        /** Represents a Hello. */
        class Hello {

            /**
             * Constructs a new Hello.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.Hello.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Hello agentVersion. */
            agentVersion: string;

            /** Hello kind. */
            kind: edge.v1.DeviceKind;

            /** Hello inventory. */
            inventory?: (edge.v1.HardwareInventory.$Properties|null);

            /** Hello fingerprint. */
            fingerprint: string;

            /** Hello heartbeatIntervalMs. */
            heartbeatIntervalMs: number;

            /** Hello deviceTimeMs. */
            deviceTimeMs: number;

            /**
             * Creates a new Hello instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Hello instance
             */
            static create(properties: edge.v1.Hello.$Shape): edge.v1.Hello & edge.v1.Hello.$Shape;
            static create(properties?: edge.v1.Hello.$Properties): edge.v1.Hello;

            /**
             * Encodes the specified Hello message. Does not implicitly {@link edge.v1.Hello.verify|verify} messages.
             * @param message Hello message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.Hello & edge.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.Hello & edge.v1.Hello.$Shape;

            /**
             * Verifies a Hello message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Hello message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Hello
             */
            static fromObject(object: { [k: string]: any }): edge.v1.Hello;

            /**
             * Creates a plain object from a Hello message. Also converts values to other types if specified.
             * @param message Hello
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.Hello, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Hello to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Hello
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hello {

            /** Properties of a Hello. */
            interface $Properties {

                /** Hello agentVersion */
                agentVersion?: (string|null);

                /** Hello kind */
                kind?: (edge.v1.DeviceKind|null);

                /** Hello inventory */
                inventory?: (edge.v1.HardwareInventory.$Properties|null);

                /** Hello fingerprint */
                fingerprint?: (string|null);

                /** Hello heartbeatIntervalMs */
                heartbeatIntervalMs?: (number|null);

                /** Hello deviceTimeMs */
                deviceTimeMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Hello. */
            type $Shape = edge.v1.Hello.$Properties;
        }

        /**
         * Properties of an AcceleratorUsage.
         * @deprecated Use edge.v1.AcceleratorUsage.$Properties instead.
         */
        interface IAcceleratorUsage extends edge.v1.AcceleratorUsage.$Properties {
        }

        /** Represents an AcceleratorUsage. */
        class AcceleratorUsage {

            /**
             * Constructs a new AcceleratorUsage.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.AcceleratorUsage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AcceleratorUsage model. */
            model: string;

            /** AcceleratorUsage utilizationPercent. */
            utilizationPercent: number;

            /** AcceleratorUsage memoryUsedBytes. */
            memoryUsedBytes: number;

            /** AcceleratorUsage temperatureC. */
            temperatureC?: (number|null);

            /**
             * Creates a new AcceleratorUsage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AcceleratorUsage instance
             */
            static create(properties: edge.v1.AcceleratorUsage.$Shape): edge.v1.AcceleratorUsage & edge.v1.AcceleratorUsage.$Shape;
            static create(properties?: edge.v1.AcceleratorUsage.$Properties): edge.v1.AcceleratorUsage;

            /**
             * Encodes the specified AcceleratorUsage message. Does not implicitly {@link edge.v1.AcceleratorUsage.verify|verify} messages.
             * @param message AcceleratorUsage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.AcceleratorUsage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AcceleratorUsage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.AcceleratorUsage & edge.v1.AcceleratorUsage.$Shape} AcceleratorUsage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.AcceleratorUsage & edge.v1.AcceleratorUsage.$Shape;

            /**
             * Verifies an AcceleratorUsage message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an AcceleratorUsage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AcceleratorUsage
             */
            static fromObject(object: { [k: string]: any }): edge.v1.AcceleratorUsage;

            /**
             * Creates a plain object from an AcceleratorUsage message. Also converts values to other types if specified.
             * @param message AcceleratorUsage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.AcceleratorUsage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AcceleratorUsage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for AcceleratorUsage
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace AcceleratorUsage {

            /** Properties of an AcceleratorUsage. */
            interface $Properties {

                /** AcceleratorUsage model */
                model?: (string|null);

                /** AcceleratorUsage utilizationPercent */
                utilizationPercent?: (number|null);

                /** AcceleratorUsage memoryUsedBytes */
                memoryUsedBytes?: (number|null);

                /** AcceleratorUsage temperatureC */
                temperatureC?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AcceleratorUsage. */
            type $Shape = edge.v1.AcceleratorUsage.$Properties;
        }

        /**
         * Properties of a ModelCounters.
         * @deprecated Use edge.v1.ModelCounters.$Properties instead.
         */
        interface IModelCounters extends edge.v1.ModelCounters.$Properties {
        }

        /** Represents a ModelCounters. */
        class ModelCounters {

            /**
             * Constructs a new ModelCounters.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.ModelCounters.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ModelCounters name. */
            name: string;

            /** ModelCounters sha256. */
            sha256: string;

            /** ModelCounters count. */
            count: number;

            /** ModelCounters errors. */
            errors: number;

            /** ModelCounters p50Ms. */
            p50Ms: number;

            /** ModelCounters p99Ms. */
            p99Ms: number;

            /** ModelCounters workstationCode. */
            workstationCode: string;

            /** ModelCounters loaded. */
            loaded: boolean;

            /** ModelCounters lastError. */
            lastError: string;

            /**
             * Creates a new ModelCounters instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ModelCounters instance
             */
            static create(properties: edge.v1.ModelCounters.$Shape): edge.v1.ModelCounters & edge.v1.ModelCounters.$Shape;
            static create(properties?: edge.v1.ModelCounters.$Properties): edge.v1.ModelCounters;

            /**
             * Encodes the specified ModelCounters message. Does not implicitly {@link edge.v1.ModelCounters.verify|verify} messages.
             * @param message ModelCounters message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.ModelCounters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ModelCounters message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.ModelCounters & edge.v1.ModelCounters.$Shape} ModelCounters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.ModelCounters & edge.v1.ModelCounters.$Shape;

            /**
             * Verifies a ModelCounters message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a ModelCounters message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ModelCounters
             */
            static fromObject(object: { [k: string]: any }): edge.v1.ModelCounters;

            /**
             * Creates a plain object from a ModelCounters message. Also converts values to other types if specified.
             * @param message ModelCounters
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.ModelCounters, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ModelCounters to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ModelCounters
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ModelCounters {

            /** Properties of a ModelCounters. */
            interface $Properties {

                /** ModelCounters name */
                name?: (string|null);

                /** ModelCounters sha256 */
                sha256?: (string|null);

                /** ModelCounters count */
                count?: (number|null);

                /** ModelCounters errors */
                errors?: (number|null);

                /** ModelCounters p50Ms */
                p50Ms?: (number|null);

                /** ModelCounters p99Ms */
                p99Ms?: (number|null);

                /** ModelCounters workstationCode */
                workstationCode?: (string|null);

                /** ModelCounters loaded */
                loaded?: (boolean|null);

                /** ModelCounters lastError */
                lastError?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ModelCounters. */
            type $Shape = edge.v1.ModelCounters.$Properties;
        }

        /**
         * Properties of an InferenceCounters.
         * @deprecated Use edge.v1.InferenceCounters.$Properties instead.
         */
        interface IInferenceCounters extends edge.v1.InferenceCounters.$Properties {
        }

        /** Represents an InferenceCounters. */
        class InferenceCounters {

            /**
             * Constructs a new InferenceCounters.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.InferenceCounters.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** InferenceCounters total. */
            total: number;

            /** InferenceCounters errors. */
            errors: number;

            /** InferenceCounters models. */
            models: edge.v1.ModelCounters.$Properties[];

            /**
             * Creates a new InferenceCounters instance using the specified properties.
             * @param [properties] Properties to set
             * @returns InferenceCounters instance
             */
            static create(properties: edge.v1.InferenceCounters.$Shape): edge.v1.InferenceCounters & edge.v1.InferenceCounters.$Shape;
            static create(properties?: edge.v1.InferenceCounters.$Properties): edge.v1.InferenceCounters;

            /**
             * Encodes the specified InferenceCounters message. Does not implicitly {@link edge.v1.InferenceCounters.verify|verify} messages.
             * @param message InferenceCounters message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.InferenceCounters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an InferenceCounters message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.InferenceCounters & edge.v1.InferenceCounters.$Shape} InferenceCounters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.InferenceCounters & edge.v1.InferenceCounters.$Shape;

            /**
             * Verifies an InferenceCounters message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates an InferenceCounters message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns InferenceCounters
             */
            static fromObject(object: { [k: string]: any }): edge.v1.InferenceCounters;

            /**
             * Creates a plain object from an InferenceCounters message. Also converts values to other types if specified.
             * @param message InferenceCounters
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.InferenceCounters, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this InferenceCounters to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for InferenceCounters
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace InferenceCounters {

            /** Properties of an InferenceCounters. */
            interface $Properties {

                /** InferenceCounters total */
                total?: (number|null);

                /** InferenceCounters errors */
                errors?: (number|null);

                /** InferenceCounters models */
                models?: (edge.v1.ModelCounters.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an InferenceCounters. */
            type $Shape = edge.v1.InferenceCounters.$Properties;
        }

        /**
         * Properties of a Heartbeat.
         * @deprecated Use edge.v1.Heartbeat.$Properties instead.
         */
        interface IHeartbeat extends edge.v1.Heartbeat.$Properties {
        }

        /** Represents a Heartbeat. */
        class Heartbeat {

            /**
             * Constructs a new Heartbeat.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.Heartbeat.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Heartbeat seq. */
            seq: number;

            /** Heartbeat deviceTimeMs. */
            deviceTimeMs: number;

            /** Heartbeat uptimeS. */
            uptimeS: number;

            /** Heartbeat cpuPercent. */
            cpuPercent: number;

            /** Heartbeat memoryUsedBytes. */
            memoryUsedBytes: number;

            /** Heartbeat memoryTotalBytes. */
            memoryTotalBytes: number;

            /** Heartbeat diskUsedBytes. */
            diskUsedBytes: number;

            /** Heartbeat diskTotalBytes. */
            diskTotalBytes: number;

            /** Heartbeat temperatureC. */
            temperatureC?: (number|null);

            /** Heartbeat accelerator. */
            accelerator?: (edge.v1.AcceleratorUsage.$Properties|null);

            /** Heartbeat inference. */
            inference?: (edge.v1.InferenceCounters.$Properties|null);

            /** Heartbeat clockUntrusted. */
            clockUntrusted: boolean;

            /** Heartbeat queueDepth. */
            queueDepth: number;

            /** Heartbeat queueDropped. */
            queueDropped: number;

            /** Heartbeat clockOffsetMs. */
            clockOffsetMs?: (number|null);

            /** Heartbeat prevHash. */
            prevHash: Uint8Array;

            /** Heartbeat tpmSeal. */
            tpmSeal?: (edge.v1.TpmSeal.$Properties|null);

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Heartbeat instance
             */
            static create(properties: edge.v1.Heartbeat.$Shape): edge.v1.Heartbeat & edge.v1.Heartbeat.$Shape;
            static create(properties?: edge.v1.Heartbeat.$Properties): edge.v1.Heartbeat;

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link edge.v1.Heartbeat.verify|verify} messages.
             * @param message Heartbeat message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.Heartbeat & edge.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.Heartbeat & edge.v1.Heartbeat.$Shape;

            /**
             * Verifies a Heartbeat message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Heartbeat
             */
            static fromObject(object: { [k: string]: any }): edge.v1.Heartbeat;

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @param message Heartbeat
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Heartbeat to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Heartbeat
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Heartbeat {

            /** Properties of a Heartbeat. */
            interface $Properties {

                /** Heartbeat seq */
                seq?: (number|null);

                /** Heartbeat deviceTimeMs */
                deviceTimeMs?: (number|null);

                /** Heartbeat uptimeS */
                uptimeS?: (number|null);

                /** Heartbeat cpuPercent */
                cpuPercent?: (number|null);

                /** Heartbeat memoryUsedBytes */
                memoryUsedBytes?: (number|null);

                /** Heartbeat memoryTotalBytes */
                memoryTotalBytes?: (number|null);

                /** Heartbeat diskUsedBytes */
                diskUsedBytes?: (number|null);

                /** Heartbeat diskTotalBytes */
                diskTotalBytes?: (number|null);

                /** Heartbeat temperatureC */
                temperatureC?: (number|null);

                /** Heartbeat accelerator */
                accelerator?: (edge.v1.AcceleratorUsage.$Properties|null);

                /** Heartbeat inference */
                inference?: (edge.v1.InferenceCounters.$Properties|null);

                /** Heartbeat clockUntrusted */
                clockUntrusted?: (boolean|null);

                /** Heartbeat queueDepth */
                queueDepth?: (number|null);

                /** Heartbeat queueDropped */
                queueDropped?: (number|null);

                /** Heartbeat clockOffsetMs */
                clockOffsetMs?: (number|null);

                /** Heartbeat prevHash */
                prevHash?: (Uint8Array|null);

                /** Heartbeat tpmSeal */
                tpmSeal?: (edge.v1.TpmSeal.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Heartbeat. */
            type $Shape = edge.v1.Heartbeat.$Properties;
        }

        /**
         * Properties of a TpmSeal.
         * @deprecated Use edge.v1.TpmSeal.$Properties instead.
         */
        interface ITpmSeal extends edge.v1.TpmSeal.$Properties {
        }

        /** Represents a TpmSeal. */
        class TpmSeal {

            /**
             * Constructs a new TpmSeal.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.TpmSeal.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TpmSeal quote. */
            quote: Uint8Array;

            /** TpmSeal signature. */
            signature: Uint8Array;

            /**
             * Creates a new TpmSeal instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TpmSeal instance
             */
            static create(properties: edge.v1.TpmSeal.$Shape): edge.v1.TpmSeal & edge.v1.TpmSeal.$Shape;
            static create(properties?: edge.v1.TpmSeal.$Properties): edge.v1.TpmSeal;

            /**
             * Encodes the specified TpmSeal message. Does not implicitly {@link edge.v1.TpmSeal.verify|verify} messages.
             * @param message TpmSeal message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.TpmSeal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TpmSeal message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.TpmSeal & edge.v1.TpmSeal.$Shape} TpmSeal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.TpmSeal & edge.v1.TpmSeal.$Shape;

            /**
             * Verifies a TpmSeal message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a TpmSeal message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TpmSeal
             */
            static fromObject(object: { [k: string]: any }): edge.v1.TpmSeal;

            /**
             * Creates a plain object from a TpmSeal message. Also converts values to other types if specified.
             * @param message TpmSeal
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.TpmSeal, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TpmSeal to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for TpmSeal
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TpmSeal {

            /** Properties of a TpmSeal. */
            interface $Properties {

                /** TpmSeal quote */
                quote?: (Uint8Array|null);

                /** TpmSeal signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TpmSeal. */
            type $Shape = edge.v1.TpmSeal.$Properties;
        }

        /**
         * Properties of a WorkstationMapping.
         * @deprecated Use edge.v1.WorkstationMapping.$Properties instead.
         */
        interface IWorkstationMapping extends edge.v1.WorkstationMapping.$Properties {
        }

        /** Represents a WorkstationMapping. */
        class WorkstationMapping {

            /**
             * Constructs a new WorkstationMapping.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.WorkstationMapping.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WorkstationMapping workstationCodes. */
            workstationCodes: string[];

            /** WorkstationMapping revision. */
            revision: number;

            /**
             * Creates a new WorkstationMapping instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WorkstationMapping instance
             */
            static create(properties: edge.v1.WorkstationMapping.$Shape): edge.v1.WorkstationMapping & edge.v1.WorkstationMapping.$Shape;
            static create(properties?: edge.v1.WorkstationMapping.$Properties): edge.v1.WorkstationMapping;

            /**
             * Encodes the specified WorkstationMapping message. Does not implicitly {@link edge.v1.WorkstationMapping.verify|verify} messages.
             * @param message WorkstationMapping message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.WorkstationMapping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WorkstationMapping message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.WorkstationMapping & edge.v1.WorkstationMapping.$Shape} WorkstationMapping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.WorkstationMapping & edge.v1.WorkstationMapping.$Shape;

            /**
             * Verifies a WorkstationMapping message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a WorkstationMapping message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WorkstationMapping
             */
            static fromObject(object: { [k: string]: any }): edge.v1.WorkstationMapping;

            /**
             * Creates a plain object from a WorkstationMapping message. Also converts values to other types if specified.
             * @param message WorkstationMapping
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.WorkstationMapping, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WorkstationMapping to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for WorkstationMapping
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace WorkstationMapping {

            /** Properties of a WorkstationMapping. */
            interface $Properties {

                /** WorkstationMapping workstationCodes */
                workstationCodes?: (string[]|null);

                /** WorkstationMapping revision */
                revision?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WorkstationMapping. */
            type $Shape = edge.v1.WorkstationMapping.$Properties;
        }

        /**
         * Properties of a Status.
         * @deprecated Use edge.v1.Status.$Properties instead.
         */
        interface IStatus extends edge.v1.Status.$Properties {
        }

        /** Represents a Status. */
        class Status {

            /**
             * Constructs a new Status.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.Status.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Status online. */
            online: boolean;

            /** Status deviceTimeMs. */
            deviceTimeMs: number;

            /**
             * Creates a new Status instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Status instance
             */
            static create(properties: edge.v1.Status.$Shape): edge.v1.Status & edge.v1.Status.$Shape;
            static create(properties?: edge.v1.Status.$Properties): edge.v1.Status;

            /**
             * Encodes the specified Status message. Does not implicitly {@link edge.v1.Status.verify|verify} messages.
             * @param message Status message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.Status.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Status message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.Status & edge.v1.Status.$Shape} Status
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.Status & edge.v1.Status.$Shape;

            /**
             * Verifies a Status message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Status message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Status
             */
            static fromObject(object: { [k: string]: any }): edge.v1.Status;

            /**
             * Creates a plain object from a Status message. Also converts values to other types if specified.
             * @param message Status
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.Status, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Status to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Status
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Status {

            /** Properties of a Status. */
            interface $Properties {

                /** Status online */
                online?: (boolean|null);

                /** Status deviceTimeMs */
                deviceTimeMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Status. */
            type $Shape = edge.v1.Status.$Properties;
        }

        /**
         * Properties of a Command.
         * @deprecated Use edge.v1.Command.$Properties instead.
         */
        interface ICommand extends edge.v1.Command.$Properties {
        }

        /** Represents a Command. */
        class Command {

            /**
             * Constructs a new Command.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.Command.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Command id. */
            id: string;

            /** Command issuedAtMs. */
            issuedAtMs: number;

            /** Command ping. */
            ping?: (edge.v1.Ping.$Properties|null);

            /** Command setHeartbeatInterval. */
            setHeartbeatInterval?: (edge.v1.SetHeartbeatInterval.$Properties|null);

            /** Command requestHello. */
            requestHello?: (edge.v1.RequestHello.$Properties|null);

            /** Command action. */
            action?: ("ping"|"setHeartbeatInterval"|"requestHello");

            /**
             * Creates a new Command instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Command instance
             */
            static create(properties: edge.v1.Command.$Shape): edge.v1.Command & edge.v1.Command.$Shape;
            static create(properties?: edge.v1.Command.$Properties): edge.v1.Command;

            /**
             * Encodes the specified Command message. Does not implicitly {@link edge.v1.Command.verify|verify} messages.
             * @param message Command message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.Command.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Command message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.Command & edge.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.Command & edge.v1.Command.$Shape;

            /**
             * Verifies a Command message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Command message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Command
             */
            static fromObject(object: { [k: string]: any }): edge.v1.Command;

            /**
             * Creates a plain object from a Command message. Also converts values to other types if specified.
             * @param message Command
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.Command, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Command to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Command
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Command {

            /** Properties of a Command. */
            interface $Properties {

                /** Command id */
                id?: (string|null);

                /** Command issuedAtMs */
                issuedAtMs?: (number|null);

                /** Command ping */
                ping?: (edge.v1.Ping.$Properties|null);

                /** Command setHeartbeatInterval */
                setHeartbeatInterval?: (edge.v1.SetHeartbeatInterval.$Properties|null);

                /** Command requestHello */
                requestHello?: (edge.v1.RequestHello.$Properties|null);

                /** Command action */
                action?: ("ping"|"setHeartbeatInterval"|"requestHello");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a Command. */
            type $Shape = {
              id?: string|null;
              issuedAtMs?: number|null;
              ping?: edge.v1.Ping.$Shape|null;
              setHeartbeatInterval?: edge.v1.SetHeartbeatInterval.$Shape|null;
              requestHello?: edge.v1.RequestHello.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ action?: undefined; ping?: null; setHeartbeatInterval?: null; requestHello?: null }|{ action?: "ping"; ping: edge.v1.Ping.$Shape; setHeartbeatInterval?: null; requestHello?: null }|{ action?: "setHeartbeatInterval"; ping?: null; setHeartbeatInterval: edge.v1.SetHeartbeatInterval.$Shape; requestHello?: null }|{ action?: "requestHello"; ping?: null; setHeartbeatInterval?: null; requestHello: edge.v1.RequestHello.$Shape })
            );
        }

        /**
         * Properties of a Ping.
         * @deprecated Use edge.v1.Ping.$Properties instead.
         */
        interface IPing extends edge.v1.Ping.$Properties {
        }

        /** Represents a Ping. */
        class Ping {

            /**
             * Constructs a new Ping.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.Ping.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new Ping instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Ping instance
             */
            static create(properties: edge.v1.Ping.$Shape): edge.v1.Ping & edge.v1.Ping.$Shape;
            static create(properties?: edge.v1.Ping.$Properties): edge.v1.Ping;

            /**
             * Encodes the specified Ping message. Does not implicitly {@link edge.v1.Ping.verify|verify} messages.
             * @param message Ping message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.Ping & edge.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.Ping & edge.v1.Ping.$Shape;

            /**
             * Verifies a Ping message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a Ping message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Ping
             */
            static fromObject(object: { [k: string]: any }): edge.v1.Ping;

            /**
             * Creates a plain object from a Ping message. Also converts values to other types if specified.
             * @param message Ping
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.Ping, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Ping to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Ping
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ping {

            /** Properties of a Ping. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Ping. */
            type $Shape = edge.v1.Ping.$Properties;
        }

        /**
         * Properties of a SetHeartbeatInterval.
         * @deprecated Use edge.v1.SetHeartbeatInterval.$Properties instead.
         */
        interface ISetHeartbeatInterval extends edge.v1.SetHeartbeatInterval.$Properties {
        }

        /** Represents a SetHeartbeatInterval. */
        class SetHeartbeatInterval {

            /**
             * Constructs a new SetHeartbeatInterval.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.SetHeartbeatInterval.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SetHeartbeatInterval intervalMs. */
            intervalMs: number;

            /**
             * Creates a new SetHeartbeatInterval instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SetHeartbeatInterval instance
             */
            static create(properties: edge.v1.SetHeartbeatInterval.$Shape): edge.v1.SetHeartbeatInterval & edge.v1.SetHeartbeatInterval.$Shape;
            static create(properties?: edge.v1.SetHeartbeatInterval.$Properties): edge.v1.SetHeartbeatInterval;

            /**
             * Encodes the specified SetHeartbeatInterval message. Does not implicitly {@link edge.v1.SetHeartbeatInterval.verify|verify} messages.
             * @param message SetHeartbeatInterval message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.SetHeartbeatInterval.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SetHeartbeatInterval message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.SetHeartbeatInterval & edge.v1.SetHeartbeatInterval.$Shape} SetHeartbeatInterval
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.SetHeartbeatInterval & edge.v1.SetHeartbeatInterval.$Shape;

            /**
             * Verifies a SetHeartbeatInterval message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a SetHeartbeatInterval message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SetHeartbeatInterval
             */
            static fromObject(object: { [k: string]: any }): edge.v1.SetHeartbeatInterval;

            /**
             * Creates a plain object from a SetHeartbeatInterval message. Also converts values to other types if specified.
             * @param message SetHeartbeatInterval
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.SetHeartbeatInterval, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SetHeartbeatInterval to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SetHeartbeatInterval
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SetHeartbeatInterval {

            /** Properties of a SetHeartbeatInterval. */
            interface $Properties {

                /** SetHeartbeatInterval intervalMs */
                intervalMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SetHeartbeatInterval. */
            type $Shape = edge.v1.SetHeartbeatInterval.$Properties;
        }

        /**
         * Properties of a RequestHello.
         * @deprecated Use edge.v1.RequestHello.$Properties instead.
         */
        interface IRequestHello extends edge.v1.RequestHello.$Properties {
        }

        /** Represents a RequestHello. */
        class RequestHello {

            /**
             * Constructs a new RequestHello.
             * @param [properties] Properties to set
             */
            constructor(properties?: edge.v1.RequestHello.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new RequestHello instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RequestHello instance
             */
            static create(properties: edge.v1.RequestHello.$Shape): edge.v1.RequestHello & edge.v1.RequestHello.$Shape;
            static create(properties?: edge.v1.RequestHello.$Properties): edge.v1.RequestHello;

            /**
             * Encodes the specified RequestHello message. Does not implicitly {@link edge.v1.RequestHello.verify|verify} messages.
             * @param message RequestHello message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: edge.v1.RequestHello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RequestHello message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {edge.v1.RequestHello & edge.v1.RequestHello.$Shape} RequestHello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): edge.v1.RequestHello & edge.v1.RequestHello.$Shape;

            /**
             * Verifies a RequestHello message.
             * @param message Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(message: { [k: string]: any }): (string|null);

            /**
             * Creates a RequestHello message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RequestHello
             */
            static fromObject(object: { [k: string]: any }): edge.v1.RequestHello;

            /**
             * Creates a plain object from a RequestHello message. Also converts values to other types if specified.
             * @param message RequestHello
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: edge.v1.RequestHello, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RequestHello to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for RequestHello
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RequestHello {

            /** Properties of a RequestHello. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RequestHello. */
            type $Shape = edge.v1.RequestHello.$Properties;
        }
    }
}
