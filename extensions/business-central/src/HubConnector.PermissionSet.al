/// Assign to the hub's Entra application (page "Microsoft Entra Applications") together
/// with the standard sets it needs to post (e.g. D365 PURCH DOC, POST and D365 ITEM, EDIT).
permissionset 50100 "HUB CONNECTOR"
{
    Assignable = true;
    Caption = 'Hub WMS Connector';
    Permissions =
        tabledata "Hub Inventory Write" = RI,
        table "Hub Inventory Write" = X,
        codeunit "Hub Inventory" = X,
        page "Hub Items API" = X,
        page "Hub Inventory Writes API" = X,
        page "Hub Purchase Orders API" = X,
        page "Hub Item Inventories API" = X,
        page "Hub Item Ledger Entries API" = X;
}
