using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using RehabPlatform.ServiceDefaults.Data;

#nullable disable

namespace RehabPlatform.Intake.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ValuesAsValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {



            migrationBuilder.PostgresBinaryTimestampToTimestamptz("TransferRequests", "RequestedAt");
            migrationBuilder.PostgresBinaryTimestampToTimestamptz("PossibleDuplicates", "DetectedAt");
            migrationBuilder.PostgresCommaListToArray("Intakes", "RedFlags", "text[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {



            migrationBuilder.PostgresTimestamptzToBinary("TransferRequests", "RequestedAt");
            migrationBuilder.PostgresTimestamptzToBinary("PossibleDuplicates", "DetectedAt");
            migrationBuilder.PostgresArrayToCommaList("Intakes", "RedFlags", 1000);
        }
    }
}
