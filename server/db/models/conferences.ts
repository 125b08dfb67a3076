import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from "sequelize";
import type {
  ConferencePhase,
  MatchSide,
  MeetingRequestStatus,
  MeetingStatus,
  PreferenceLevel,
} from "../../vocabulary/domain";

/** Matchmaking conferences: slots, participants, their marks and requests, and the timetable's meetings. */
export function defineConferenceModels(sequelize: Sequelize) {
  const options = (tableName: string) => ({ sequelize, tableName, underscored: true });

  class Conference extends Model<InferAttributes<Conference>, InferCreationAttributes<Conference>> {
    declare id: CreationOptional<number>;
    declare slug: string;
    declare nameVi: string;
    declare nameEn: string | null;
    declare descriptionVi: string;
    declare descriptionEn: string | null;
    declare fairId: number | null;
    declare venue: string;
    declare address: string | null;
    declare provinceCode: string;
    declare startsOn: string;
    declare endsOn: string;
    declare meetingMinutes: number;
    declare tables: number;
    declare maxMeetings: number;
    declare registrationOpensAt: Date;
    declare registrationClosesAt: Date;
    declare phase: ConferencePhase;
    declare createdById: number | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  Conference.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      slug: { type: DataTypes.STRING(160), allowNull: false, unique: true },
      nameVi: { type: DataTypes.STRING(200), allowNull: false },
      nameEn: { type: DataTypes.STRING(200), allowNull: true },
      descriptionVi: { type: DataTypes.TEXT, allowNull: false },
      descriptionEn: { type: DataTypes.TEXT, allowNull: true },
      fairId: { type: DataTypes.INTEGER, allowNull: true },
      venue: { type: DataTypes.STRING(200), allowNull: false },
      address: { type: DataTypes.STRING(300), allowNull: true },
      provinceCode: { type: DataTypes.STRING(2), allowNull: false },
      startsOn: { type: DataTypes.DATEONLY, allowNull: false },
      endsOn: { type: DataTypes.DATEONLY, allowNull: false },
      meetingMinutes: { type: DataTypes.INTEGER, allowNull: false },
      tables: { type: DataTypes.INTEGER, allowNull: false },
      maxMeetings: { type: DataTypes.INTEGER, allowNull: false },
      registrationOpensAt: { type: DataTypes.DATE, allowNull: false },
      registrationClosesAt: { type: DataTypes.DATE, allowNull: false },
      phase: { type: DataTypes.STRING(24), allowNull: false },
      createdById: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    options("conferences"),
  );

  class ConferenceSlot extends Model<
    InferAttributes<ConferenceSlot>,
    InferCreationAttributes<ConferenceSlot>
  > {
    declare id: CreationOptional<number>;
    declare conferenceId: number;
    declare startsAt: Date;
    declare endsAt: Date;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  ConferenceSlot.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      conferenceId: { type: DataTypes.INTEGER, allowNull: false },
      startsAt: { type: DataTypes.DATE, allowNull: false },
      endsAt: { type: DataTypes.DATE, allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    options("conference_slots"),
  );

  class ConferenceParticipant extends Model<
    InferAttributes<ConferenceParticipant>,
    InferCreationAttributes<ConferenceParticipant>
  > {
    declare id: CreationOptional<number>;
    declare conferenceId: number;
    declare side: MatchSide;
    declare userId: number | null;
    declare cooperativeId: number | null;
    declare maxMeetings: number | null;
    /** JSON array of slot ids */
    declare unavailableSlotIds: string;
    declare status: "registered" | "cancelled";
    declare addedById: number | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  ConferenceParticipant.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      conferenceId: { type: DataTypes.INTEGER, allowNull: false },
      side: { type: DataTypes.STRING(16), allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: true },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: true },
      maxMeetings: { type: DataTypes.INTEGER, allowNull: true },
      unavailableSlotIds: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      addedById: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    options("conference_participants"),
  );

  class ConferencePreference extends Model<
    InferAttributes<ConferencePreference>,
    InferCreationAttributes<ConferencePreference>
  > {
    declare id: CreationOptional<number>;
    declare conferenceId: number;
    declare participantId: number;
    declare targetId: number;
    declare level: PreferenceLevel;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  ConferencePreference.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      conferenceId: { type: DataTypes.INTEGER, allowNull: false },
      participantId: { type: DataTypes.INTEGER, allowNull: false },
      targetId: { type: DataTypes.INTEGER, allowNull: false },
      level: { type: DataTypes.STRING(8), allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    options("conference_preferences"),
  );

  class MeetingRequest extends Model<
    InferAttributes<MeetingRequest>,
    InferCreationAttributes<MeetingRequest>
  > {
    declare id: CreationOptional<number>;
    declare conferenceId: number;
    declare fromId: number;
    declare toId: number;
    declare message: string | null;
    declare status: MeetingRequestStatus;
    declare respondBy: Date;
    declare live: number | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  MeetingRequest.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      conferenceId: { type: DataTypes.INTEGER, allowNull: false },
      fromId: { type: DataTypes.INTEGER, allowNull: false },
      toId: { type: DataTypes.INTEGER, allowNull: false },
      message: { type: DataTypes.STRING(1000), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      respondBy: { type: DataTypes.DATE, allowNull: false },
      live: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    options("meeting_requests"),
  );

  class ConferenceMeeting extends Model<
    InferAttributes<ConferenceMeeting>,
    InferCreationAttributes<ConferenceMeeting>
  > {
    declare id: CreationOptional<number>;
    declare conferenceId: number;
    declare slotId: number | null;
    /** The slot while the meeting holds it (NULL once cancelled): what the clash indexes are on. */
    declare busySlotId: number | null;
    declare tableNo: number | null;
    declare buyerId: number;
    declare cooperativeId: number;
    declare pairLive: number | null;
    declare tier: number | null;
    declare status: MeetingStatus;
    declare publishedAt: Date | null;
    declare createdAt: CreationOptional<Date>;
    declare updatedAt: CreationOptional<Date>;
  }
  ConferenceMeeting.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      conferenceId: { type: DataTypes.INTEGER, allowNull: false },
      slotId: { type: DataTypes.INTEGER, allowNull: true },
      busySlotId: { type: DataTypes.INTEGER, allowNull: true },
      tableNo: { type: DataTypes.INTEGER, allowNull: true },
      buyerId: { type: DataTypes.INTEGER, allowNull: false },
      cooperativeId: { type: DataTypes.INTEGER, allowNull: false },
      pairLive: { type: DataTypes.INTEGER, allowNull: true },
      tier: { type: DataTypes.INTEGER, allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      publishedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    options("conference_meetings"),
  );

  return {
    Conference,
    ConferenceSlot,
    ConferenceParticipant,
    ConferencePreference,
    MeetingRequest,
    ConferenceMeeting,
  };
}

type Defined = ReturnType<typeof defineConferenceModels>;
export type ConferenceRecord = InstanceType<Defined["Conference"]>;
export type SlotRecord = InstanceType<Defined["ConferenceSlot"]>;
export type ParticipantRecord = InstanceType<Defined["ConferenceParticipant"]>;
export type MeetingRecord = InstanceType<Defined["ConferenceMeeting"]>;
export type MeetingRequestRecord = InstanceType<Defined["MeetingRequest"]>;
