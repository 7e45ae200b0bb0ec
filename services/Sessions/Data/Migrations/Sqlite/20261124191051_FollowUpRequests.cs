using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Sessions.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowUpRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SelfReported",
                table: "Outcomes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "FollowUpRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OutcomeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRequests_ClinicId",
                table: "FollowUpRequests",
                column: "ClinicId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRequests_OpenPerPatient",
                table: "FollowUpRequests",
                column: "PatientId",
                unique: true,
                filter: "\"Status\" = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpRequests");

            migrationBuilder.DropColumn(
                name: "SelfReported",
                table: "Outcomes");
        }
    }
}
