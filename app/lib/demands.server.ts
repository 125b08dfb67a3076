import { demandMachine, type OwnDemand } from "../../server/matching";
import { BOARD_PAGE_SIZE } from "../../server/matching/demands";

/**
 * What the demand pages need of the matching domain besides its use cases. Kept in a `.server` module: the
 * domain imports Sequelize, which must never reach the browser bundle.
 */
export const DEMAND_BOARD_PAGE_SIZE = BOARD_PAGE_SIZE;

/** The lifecycle buttons a buyer may press on their own demand now. */
export const buyerActionsOn = (demand: Pick<OwnDemand, "status">) => demandMachine.available(demand, "buyer");
