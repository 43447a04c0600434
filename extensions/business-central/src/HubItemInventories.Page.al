/// GET .../api/hub/wms/v1.0/companies({id})/hubItemInventories?$filter=locationFilter eq 'MAIN' and number ge 'A' and number le 'B'&$select=number,inventory
/// Each item's inventory at one location: filtering on the Location Filter FlowFilter sets it, so
/// the Inventory FlowField is computed for that location (without it, over all locations).
/// Read by the hub's reconciliation to compare Business Central with the WMS.
page 50103 "Hub Item Inventories API"
{
    PageType = API;
    APIPublisher = 'hub';
    APIGroup = 'wms';
    APIVersion = 'v1.0';
    EntityName = 'hubItemInventory';
    EntitySetName = 'hubItemInventories';
    SourceTable = Item;
    ODataKeyFields = SystemId;
    Editable = false;
    InsertAllowed = false;
    ModifyAllowed = false;
    DeleteAllowed = false;
    DataAccessIntent = ReadOnly;
    Extensible = false;

    layout
    {
        area(Content)
        {
            repeater(Records)
            {
                field(id; Rec.SystemId) { Caption = 'Id'; }
                field(number; Rec."No.") { Caption = 'No.'; }
                field(displayName; Rec.Description) { Caption = 'Display Name'; }
                field(locationFilter; Rec."Location Filter") { Caption = 'Location Filter'; }
                field(inventory; Rec.Inventory) { Caption = 'Inventory'; }
            }
        }
    }
}
